using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Identity;

/// <summary>
/// Accounts of data subjects who proved their address: an Identity user with the <see cref="PortalRoles.Subject"/>
/// role, a confirmed email and no password, so the only way in is a new emailed code.
/// </summary>
public sealed class SubjectAccounts(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>
    /// The subject's account, made on first use; null when the address belongs to a staff account, which a code must never
    /// open, or when the account found is not for exactly this address.
    /// </summary>
    public async Task<PortalUser?> FindOrCreateAsync(string email, CancellationToken cancellationToken = default)
    {
        var address = Subject.Create(SubjectType.Email, email).Identifier;
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByEmailAsync(address) ?? await users.FindByNameAsync(address);
        if (user is not null)
        {
            // The lookup key is one definition, and this check a second: a proven address opens only its own account.
            if (!IsFor(user, address))
            {
                return null;
            }

            var roles = await users.GetRolesAsync(user);
            if (roles.Any(PortalRoles.IsStaffRole))
            {
                return null;
            }

            if (!roles.Contains(PortalRoles.Subject))
            {
                Succeed(await users.AddToRoleAsync(user, PortalRoles.Subject));
            }

            user.LastSignInAt = time.GetUtcNow();
            Succeed(await users.UpdateAsync(user));
            return user;
        }

        user = new PortalUser
        {
            UserName = address,
            Email = address,
            EmailConfirmed = true,
            CreatedAt = time.GetUtcNow(),
            LastSignInAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded && (await users.FindByNameAsync(address)) is { } raced)
        {
            // The same subject verified in two tabs at once; the other tab made the account.
            return await FindOrCreateAsync(raced.Email ?? address, cancellationToken);
        }

        Succeed(created);
        Succeed(await users.AddToRoleAsync(user, PortalRoles.Subject));

        // No password to guess: wrong passwords at the staff form must not lock it, or the lock-out page would tell who used self-service.
        Succeed(await users.SetLockoutEnabledAsync(user, false));
        return user;
    }

    /// <summary>Whether the account's own address is, in canonical form, exactly <paramref name="address"/>.</summary>
    public static bool IsFor(PortalUser user, string address) =>
        EmailAddresses.TryCanonicalize(user.Email, out var own, out _) && string.Equals(own, address, StringComparison.Ordinal);

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
