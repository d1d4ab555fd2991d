using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Export;

public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// The PDF report, made in the background as requests complete; <paramref name="contentRoot"/> anchors a relative
    /// <c>Organisation:LogoPath</c>.
    /// </summary>
    public static IServiceCollection AddPortalExport(this IServiceCollection services, string contentRoot)
    {
        services.AddSingleton(sp => new PdfReports(
            sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
            sp.GetRequiredService<ResultStore>(),
            sp.GetRequiredService<SourceCatalog>(),
            sp.GetRequiredService<ComplianceClock>(),
            sp.GetRequiredService<IOptions<OrganisationOptions>>(),
            contentRoot));
        return services;
    }
}
