using Microsoft.AspNetCore.Identity;

namespace DataRequestPortal.Core.Identity;

/// <summary>A person who signs in: staff (with a role from <see cref="PortalRoles"/>) or, later, a verified data subject.</summary>
public sealed class PortalUser : IdentityUser
{
    public const int MaxDisplayNameLength = 100;

    /// <summary>The name shown in the app bar and on timelines; falls back to the email address.</summary>
    [PersonalData]
    public string? DisplayName { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? LastSignInAt { get; set; }

    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;
}
