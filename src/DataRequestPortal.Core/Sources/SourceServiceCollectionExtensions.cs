using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Sources.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Sources;

public static class SourceServiceCollectionExtensions
{
    /// <summary>The data sources from configuration section <c>Sources</c>, and the catalog that lists them.</summary>
    public static IServiceCollection AddPortalSources(this IServiceCollection services, IConfiguration configuration)
    {
        var platform = PlatformStoreOptions.From(configuration);
        if (platform.Enabled)
        {
            services.AddSingleton<IDataSource>(sp => new PlatformStoreSource(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), platform));
        }

        services.AddSingleton<SourceCatalog>();
        return services;
    }
}
