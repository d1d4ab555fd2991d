using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Sources;

public static class SourceServiceCollectionExtensions
{
    /// <summary>The data sources from configuration section <c>Sources</c>, and the catalog that lists them.</summary>
    public static IServiceCollection AddPortalSources(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<SourceCatalog>();
        return services;
    }
}
