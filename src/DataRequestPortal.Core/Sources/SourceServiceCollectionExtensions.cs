using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Sources.Http;
using DataRequestPortal.Core.Sources.Manual;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Sql;
using DataRequestPortal.Core.Sources.Upstream;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Sources;

public static class SourceServiceCollectionExtensions
{
    /// <summary>
    /// The data sources from configuration section <c>Sources</c>, the catalog that lists them (the platform store
    /// first, then SQL, HTTP, upstream and manual sources in configuration order), and their connection tests. The settings are
    /// checked here, so a wrong one stops the start with a message naming it.
    /// </summary>
    public static IServiceCollection AddPortalSources(this IServiceCollection services, IConfiguration configuration)
    {
        var platform = PlatformStoreOptions.From(configuration);
        var settings = SourceSettings.Read(configuration);
        services.TryAddSingleton(TimeProvider.System);

        if (platform.Enabled)
        {
            services.AddSingleton<IDataSource>(sp => new PlatformStoreSource(sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(), platform));
        }

        foreach (var options in settings.Sql)
        {
            services.AddSingleton<IDataSource>(new SqlSource(options));
        }

        foreach (var options in settings.Http)
        {
            SourceHttp.AddClient(services, options.Key);
            services.AddSingleton<IDataSource>(sp => new HttpSource(
                options, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<HttpSource>>()));
        }

        foreach (var options in settings.Upstream)
        {
            SourceHttp.AddClient(services, options.Key);
            services.AddSingleton<IDataSource>(sp => new UpstreamSource(
                options, sp.GetRequiredService<IHttpClientFactory>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<UpstreamSource>>()));
        }

        foreach (var options in settings.Manual.Where(o => o.Enabled))
        {
            services.AddSingleton<IDataSource>(new ManualSource(options));
        }

        services.AddSingleton<SourceCatalog>();
        services.AddSingleton<SourceChecks>();
        return services;
    }
}
