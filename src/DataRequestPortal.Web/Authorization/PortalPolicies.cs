using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Authorization;

namespace DataRequestPortal.Web.Authorization;

/// <summary>Authorization policies by role; pages, endpoints and the navigation all ask for these by name.</summary>
public static class PortalPolicies
{
    /// <summary>Any staff member: admin, officer or auditor.</summary>
    public const string Staff = "Staff";

    /// <summary>May act on requests: admins and officers (auditors only read).</summary>
    public const string HandleRequests = "HandleRequests";

    /// <summary>Manages accounts, tokens and sources.</summary>
    public const string Admin = "Admin";

    /// <summary>A data subject who proved their address on the self-service page; sees only their own requests.</summary>
    public const string Subject = "DataSubject";

    /// <summary>May watch requests live: staff (all requests) and verified data subjects (their own).</summary>
    public const string WatchRequests = "WatchRequests";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder) => builder
        .AddPolicy(Staff, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Staff))
        .AddPolicy(HandleRequests, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin, PortalRoles.Officer))
        .AddPolicy(Admin, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Admin))
        .AddPolicy(Subject, policy => policy.RequireAuthenticatedUser().RequireRole(PortalRoles.Subject).RequireClaim(ClaimTypes.Email))
        .AddPolicy(WatchRequests, policy => policy.RequireAuthenticatedUser().RequireRole([.. PortalRoles.Staff, PortalRoles.Subject]));
}
