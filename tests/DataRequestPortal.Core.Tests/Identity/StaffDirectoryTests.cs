using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;


namespace DataRequestPortal.Core.Tests.Identity;

public class StaffDirectoryTests
{
    [Fact]
    public async Task ListAsync_ShowsEachStaffMembersRoleAndWhetherDisabled()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T09:00:00Z"));
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentityServices.Create(database, time);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = "admin@example.org", AdminPassword = "Correct-Horse-42" });
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var officer = new PortalUser { UserName = "olga@example.org", Email = "olga@example.org", DisplayName = "Olga Officer" };
            await users.CreateAsync(officer, "Officer-Pass-2026");
            await users.AddToRoleAsync(officer, PortalRoles.Officer);
            await users.SetLockoutEnabledAsync(officer, true);
            await users.SetLockoutEndDateAsync(officer, PortalUser.DisabledUntil);
            var stranger = new PortalUser { UserName = "norole@example.org", Email = "norole@example.org" };
            await users.CreateAsync(stranger, "No-Role-Pass-2026");
        }

        var members = await new StaffDirectory(database).ListAsync();

        Assert.Equal(["Administrator", "Olga Officer"], members.Select(m => m.Name).ToArray());
        Assert.Equal([PortalRoles.Admin, PortalRoles.Officer], members.Select(m => m.Role).ToArray());
        Assert.False(members[0].IsDisabled);
        Assert.True(members[1].IsDisabled);
    }
}
