using System.Security.Claims;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Web.Authorization;

/// <summary>The actor recorded in timelines and the audit log for a signed-in user: the sign-in address, which is unique.</summary>
public static class PortalActors
{
    public static Actor Staff(ClaimsPrincipal user) =>
        Actor.Staff(user.Identity?.Name is { Length: > 0 } name ? name : throw new InvalidOperationException("The user is not signed in."));

    /// <summary>The proven address of a signed-in data subject: every self-service lookup is made for this address only.</summary>
    public static string SubjectEmail(ClaimsPrincipal user) =>
        user.IsInRole(Core.Identity.PortalRoles.Subject) && user.FindFirstValue(ClaimTypes.Email) is { Length: > 0 } email
            ? email
            : throw new InvalidOperationException("The user is not a signed-in data subject.");

    public static Actor Subject(ClaimsPrincipal user) => Actor.DataSubject(SubjectEmail(user));
}
