using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Authorization;

public static class PortalClaims
{
    /// <summary>The name the app bar shows; the sign-in name is the email address.</summary>
    public const string DisplayName = "drp:display_name";
}

/// <summary>Adds the display name to the sign-in cookie so pages need no database call to show it.</summary>
internal sealed class PortalUserClaimsPrincipalFactory(
    UserManager<PortalUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.Name));
        return identity;
    }
}
