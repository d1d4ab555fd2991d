using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Accounts made through Identity, as the staff page makes them, for tests that need a person behind an address.</summary>
public static class StaffMembers
{
    public static async Task<string> AddAsync(TestDatabase database, string email, string? displayName, string role)
    {
        await using var services = IdentityServices.Create(database, new FakeTimeProvider());
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        if (!await roles.RoleExistsAsync(role))
        {
            Succeed(await roles.CreateAsync(new IdentityRole(role)));
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Succeed(await users.CreateAsync(user));
        Succeed(await users.AddToRoleAsync(user, role));
        return user.Id;
    }

    public static async Task RenameAsync(TestDatabase database, string email, string displayName)
    {
        await using var services = IdentityServices.Create(database, new FakeTimeProvider());
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        user.DisplayName = displayName;
        Succeed(await users.UpdateAsync(user));
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
