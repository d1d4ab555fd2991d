using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Identity;

public class SignInSessionsTests
{
    [Fact]
    public async Task FindAsync_AStartedSession_IsFound_UntilEnded()
    {
        await using var staff = await StaffHarness.StartAsync();
        var sessions = new SignInSessions(staff.Database, staff.Time);
        var admin = await staff.UserAsync(StaffHarness.AdminEmail);

        var key = await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [1, 2, 3], staff.Time.GetUtcNow().AddHours(8));

        Assert.Equal([1, 2, 3], (await sessions.FindAsync(key))!.Ticket);
        await sessions.EndAsync(key);
        Assert.Null(await sessions.FindAsync(key));
    }

    [Fact]
    public async Task FindAsync_AfterTheAccountsSecurityStampChanged_FindsNothing()
    {
        await using var staff = await StaffHarness.StartAsync();
        var sessions = new SignInSessions(staff.Database, staff.Time);
        var admin = await staff.UserAsync(StaffHarness.AdminEmail);
        var key = await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [1], null);

        await using (var scope = staff.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await users.UpdateSecurityStampAsync((await users.FindByIdAsync(admin.Id))!);
        }

        Assert.Null(await sessions.FindAsync(key));
    }

    [Fact]
    public async Task FindAsync_AfterItExpired_FindsNothing()
    {
        await using var staff = await StaffHarness.StartAsync();
        var sessions = new SignInSessions(staff.Database, staff.Time);
        var admin = await staff.UserAsync(StaffHarness.AdminEmail);
        var key = await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [1], staff.Time.GetUtcNow().AddMinutes(60));

        staff.Time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await sessions.FindAsync(key));
        staff.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Null(await sessions.FindAsync(key));
    }

    [Fact]
    public async Task TheDatabase_HoldsNoKeyACookieCouldCarry()
    {
        await using var staff = await StaffHarness.StartAsync();
        var sessions = new SignInSessions(staff.Database, staff.Time);
        var admin = await staff.UserAsync(StaffHarness.AdminEmail);

        var key = await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [1], null);

        await using var db = staff.Database.CreateDbContext();
        var stored = Assert.Single(db.SignInSessions);
        Assert.NotEqual(key, stored.Id);
        Assert.Null(await sessions.FindAsync(stored.Id));
        Assert.NotNull(await sessions.FindAsync(key));
    }

    [Fact]
    public async Task SweepAsync_RemovesEndedSessions_AndKeepsLiveOnes()
    {
        await using var staff = await StaffHarness.StartAsync();
        var sessions = new SignInSessions(staff.Database, staff.Time);
        var admin = await staff.UserAsync(StaffHarness.AdminEmail);
        var live = await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [1], staff.Time.GetUtcNow().AddHours(8));
        await sessions.StartAsync(admin.Id, admin.SecurityStamp!, [2], staff.Time.GetUtcNow().AddMinutes(1));
        await sessions.StartAsync(admin.Id, "an older stamp", [3], null);

        staff.Time.Advance(TimeSpan.FromMinutes(2));

        Assert.Equal(2, await sessions.SweepAsync());
        Assert.NotNull(await sessions.FindAsync(live));
    }
}
