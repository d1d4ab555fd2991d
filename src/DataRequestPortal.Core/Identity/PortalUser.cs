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

    /// <summary>The staff member asked for the daily digest of requests that need them; only officers and admins get it.</summary>
    public bool WantsDailyDigest { get; set; }

    public string Name => string.IsNullOrWhiteSpace(DisplayName) ? Email ?? UserName ?? Id : DisplayName;

    /// <summary>An administrator switched the account off: a lockout without end, so Identity refuses every sign-in.</summary>
    /// <remarks>Compared by year: the database stores instants with less precision than <see cref="DateTimeOffset.MaxValue"/> has.</remarks>
    public bool IsDisabled => LockoutEnd?.Year == DisabledUntil.Year;

    public static DateTimeOffset DisabledUntil => DateTimeOffset.MaxValue;
}
