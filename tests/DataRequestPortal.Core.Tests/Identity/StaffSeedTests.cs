using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Identity;

public class StaffSeedTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.Parse("2026-11-24T09:00:00Z"));

    [Fact]
    public async Task RunAsync_OnAnEmptyPortal_CreatesTheRolesAndTheFirstAdmin()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentityServices.Create(database, Time);
        await using var scope = services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = "root@example.org", AdminPassword = "Correct-Horse-42" });

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in PortalRoles.Staff)
        {
            Assert.True(await roles.RoleExistsAsync(role), role);
        }

        var admin = await users.FindByEmailAsync("root@example.org");
        Assert.NotNull(admin);
        Assert.True(await users.IsInRoleAsync(admin, PortalRoles.Admin));
        Assert.True(await users.CheckPasswordAsync(admin, "Correct-Horse-42"));
        Assert.True(admin.LockoutEnabled);
        Assert.Equal(Time.GetUtcNow(), admin.CreatedAt);
    }

    [Fact]
    public async Task RunAsync_Again_LeavesTheExistingAdminAndItsChangedPasswordAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentityServices.Create(database, Time);
        var seed = new SeedOptions { AdminEmail = "root@example.org", AdminPassword = "Correct-Horse-42" };
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(seed);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = await users.FindByEmailAsync("root@example.org");
            await users.ChangePasswordAsync(admin!, "Correct-Horse-42", "Changed-Since-2026");
        }

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(seed);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.Single(users.Users);
            Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync("root@example.org"))!, "Changed-Since-2026"));
        }
    }

    [Fact]
    public async Task RunAsync_WithoutAPassword_CreatesNoAccount()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentityServices.Create(database, Time);
        await using var scope = services.CreateAsyncScope();

        await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = "root@example.org" });

        Assert.Empty(scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().Users);
    }

    [Fact]
    public async Task RunAsync_WithAWeakPassword_StopsWithTheRuleButNotThePassword()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var services = IdentityServices.Create(database, Time);
        await using var scope = services.CreateAsyncScope();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = "root@example.org", AdminPassword = "weakpw" }));

        Assert.Contains("at least 12 characters", error.Message);
        Assert.DoesNotContain("weakpw", error.Message);
    }
}
