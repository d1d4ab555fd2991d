using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataRequestPortal.Core.Data;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// The portal's database from <c>Database:Provider</c> and <c>ConnectionStrings:Portal</c> (SQLite when both are
    /// empty); <paramref name="contentRoot"/> anchors a relative SQLite path.
    /// </summary>
    public static IServiceCollection AddPortalDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = PortalDatabase.ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString(PortalDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? PortalDatabase.DefaultSqliteConnectionString
                : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is empty.");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = PortalDatabase.ResolveSqlitePath(connectionString, contentRoot);
        }

        // Contexts are pooled: setting up a fresh one cost as much as the query of a short API call. The factory serves
        // components, API calls and background work; Identity's stores and the health check use a scoped context
        // rented from the same pool and returned when the scope ends.
        services.AddPooledDbContextFactory<PortalDbContext>(options => PortalDatabase.Configure(options, provider, connectionString));
        services.TryAddScoped(sp => sp.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContext());
        return services;
    }
}
