using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Identity's user and role managers over a test database, as the portal configures them.</summary>
public static class IdentityServices
{
    public static ServiceProvider Create(TestDatabase database, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        return Add(services, database).BuildServiceProvider();
    }

    /// <summary>Adds the scoped portal context, Identity's managers and the staff seed to <paramref name="services"/>.</summary>
    public static IServiceCollection Add(IServiceCollection services, TestDatabase database)
    {
        services.AddLogging();
        services.AddDbContext<PortalDbContext>(options => options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsAssembly(PortalDatabase.MigrationsAssembly(DatabaseProvider.Sqlite))));
        services.AddPortalIdentityStores();
        services.AddScoped<StaffSeed>();
        return services;
    }
}
