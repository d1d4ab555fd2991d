namespace DataRequestPortal.Core.Identity;

/// <summary>The roles of the portal. Staff roles are exclusive: a staff account has exactly one.</summary>
public static class PortalRoles
{
    /// <summary>Manages staff accounts, API tokens and data sources, and handles requests.</summary>
    public const string Admin = "Admin";

    /// <summary>A privacy officer: files and handles requests.</summary>
    public const string Officer = "Officer";

    /// <summary>Reads everything, changes nothing.</summary>
    public const string Auditor = "Auditor";

    /// <summary>A data subject who proved their address; sees only their own requests. Not a staff role.</summary>
    public const string Subject = "Subject";

    public static IReadOnlyList<string> Staff { get; } = [Admin, Officer, Auditor];

    public static bool IsStaffRole(string? role) => role is not null && Staff.Contains(role, StringComparer.Ordinal);
}
