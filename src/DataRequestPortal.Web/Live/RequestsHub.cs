using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DataRequestPortal.Web.Live;

/// <summary>
/// Live request updates for clients other than the portal's own pages (<c>/hubs/requests</c>, message
/// <c>requestChanged</c>). Staff receive every request; a data subject only their own self-service requests, as their
/// pages show them; anonymous callers are refused before they connect.
/// </summary>
[Authorize(Policy = PortalPolicies.WatchRequests)]
public sealed class RequestsHub : Hub
{
    public const string Path = "/hubs/requests";
    public const string RequestChanged = "requestChanged";
    public const string StaffGroup = "staff";

    /// <summary>A subject's group, named by the canonical form of the address, so a session and a request always agree.</summary>
    public static string SubjectGroup(string email) => "subject:" + Subject.Create(SubjectType.Email, email).Identifier;

    /// <summary>The groups a signed-in user's connection joins; none means the user may watch nothing.</summary>
    public static IReadOnlyList<string> GroupsFor(ClaimsPrincipal user)
    {
        if (PortalRoles.Staff.Any(user.IsInRole))
        {
            return [StaffGroup];
        }

        var email = user.FindFirstValue(ClaimTypes.Email);
        return user.IsInRole(PortalRoles.Subject) && Subject.TryCreate(SubjectType.Email, email, out var subject, out _)
            ? [SubjectGroup(subject.Identifier)]
            : [];
    }

    public override async Task OnConnectedAsync()
    {
        var groups = GroupsFor(Context.User ?? new ClaimsPrincipal());
        if (groups.Count == 0)
        {
            Context.Abort();
            return;
        }

        foreach (var group in groups)
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, group);
        }

        await base.OnConnectedAsync();
    }
}
