using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace DataRequestPortal.Web.Live;

/// <summary>
/// Live request updates for clients other than the portal's own pages (<c>/hubs/requests</c>, message
/// <c>requestChanged</c>). Staff receive every request; a data subject only requests about their own address;
/// anonymous callers are refused before they connect.
/// </summary>
[Authorize(Policy = PortalPolicies.WatchRequests)]
public sealed class RequestsHub : Hub
{
    public const string Path = "/hubs/requests";
    public const string RequestChanged = "requestChanged";
    public const string StaffGroup = "staff";

    public static string SubjectGroup(string email) => "subject:" + email.Trim().ToLowerInvariant();

    /// <summary>The groups a signed-in user's connection joins; none means the user may watch nothing.</summary>
    public static IReadOnlyList<string> GroupsFor(ClaimsPrincipal user)
    {
        if (PortalRoles.Staff.Any(user.IsInRole))
        {
            return [StaffGroup];
        }

        var email = user.FindFirstValue(ClaimTypes.Email);
        return user.IsInRole(PortalRoles.Subject) && !string.IsNullOrWhiteSpace(email) ? [SubjectGroup(email)] : [];
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
