using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace DataRequestPortal.Web.Components.Account;

/// <summary>
/// Confirms, at the moment an admin action runs, that the signed-in user is still an enabled admin: by the policy
/// on the session and by the database, since a live page keeps the role it was opened with until the session is
/// revalidated.
/// </summary>
public sealed class AdminConfirmation(AuthenticationStateProvider authentication, IAuthorizationService authorization, StaffAccounts accounts)
{
    public const string Refused = "Only an enabled admin can do this, and your account no longer is one. Reload the page.";

    /// <summary>The admin as the actor to record, or null when the action must be refused.</summary>
    public async Task<Actor?> ConfirmAsync(CancellationToken cancellationToken = default)
    {
        var user = (await authentication.GetAuthenticationStateAsync()).User;
        if (!(await authorization.AuthorizeAsync(user, PortalPolicies.Admin)).Succeeded
            || !await accounts.IsEnabledAdminAsync(UserId(user), cancellationToken))
        {
            return null;
        }

        return PortalActors.Staff(user);
    }

    /// <summary>The signed-in user's account id, to tell their own row apart.</summary>
    public async Task<string?> UserIdAsync() => UserId((await authentication.GetAuthenticationStateAsync()).User);

    private static string? UserId(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier);
}
