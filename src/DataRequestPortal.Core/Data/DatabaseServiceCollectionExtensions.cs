using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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

        // The factory serves components and background work; Identity's stores use the scoped context it also registers.
        services.AddDbContextFactory<PortalDbContext>(options => PortalDatabase.Configure(options, provider, connectionString));
        return services;
    }
}
