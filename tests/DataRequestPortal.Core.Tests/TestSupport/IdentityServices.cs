using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
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
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddDbContext<PortalDbContext>(options => options.UseSqlite(database.ConnectionString, sqlite => sqlite.MigrationsAssembly(PortalDatabase.MigrationsAssembly(DatabaseProvider.Sqlite))));
        services.AddIdentityCore<PortalUser>(options => options.Password.RequiredLength = 12)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<StaffSeed>();
        return services.BuildServiceProvider();
    }
}
