using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>A portal database with the staff roles, the seeded admin, and <see cref="StaffAccounts"/> over it.</summary>
public sealed class StaffHarness : IAsyncDisposable
{
    public const string AdminEmail = "admin@example.org";

    private StaffHarness(TestDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        Database = database;
        Services = services;
        Time = time;
        Accounts = new StaffAccounts(services.GetRequiredService<IServiceScopeFactory>(), new AuditLog(database, new ComplianceClock(time, TimeZoneInfo.Utc)), time);
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public StaffAccounts Accounts { get; }

    public static Actor Admin { get; } = Actor.Staff(AdminEmail);

    public static async Task<StaffHarness> StartAsync()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var database = await TestDatabase.CreateAsync();
        var services = IdentityServices.Create(database, time);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = AdminEmail, AdminPassword = "Correct-Horse-42" });
        }

        return new StaffHarness(database, services, time);
    }

    public async Task<PortalUser> UserAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }

    public async Task<string> IdOfAsync(string email) => (await UserAsync(email)).Id;

    public async Task<IReadOnlyList<string>> RolesOfAsync(string email)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        return [.. await users.GetRolesAsync((await users.FindByEmailAsync(email))!)];
    }

    /// <summary>Whether Identity would let this address sign in with this password now: the password is right and the account not locked.</summary>
    public async Task<bool> CanSignInAsync(string email, string password)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email);
        return user is not null && !await users.IsLockedOutAsync(user) && await users.CheckPasswordAsync(user, password);
    }

    public async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
