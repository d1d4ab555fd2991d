using System.Security.Claims;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace DataRequestPortal.Web.Staff;

public enum StaffActionOutcome
{
    Done,
    Forbidden,
    Refused,
    Invalid,

    /// <summary>There is no such thing to act on (a manual task the request does not have).</summary>
    NotFound,
}

public sealed record StaffActionResult(StaffActionOutcome Outcome, string Message, DataRequest? Request = null);

/// <summary>
/// The one door to request actions from the dashboard and its HTTP calls: the role is checked here on the server for
/// every call, whatever the page showed, then Core applies the lifecycle's rules.
/// </summary>
public sealed class StaffRequestActions(IAuthorizationService authorization, RequestActions actions)
{
    public async Task<bool> MayActAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.HandleRequests)).Succeeded;

    public async Task<StaffActionResult> ApplyAsync(ClaimsPrincipal user, RequestActionCommand command, CancellationToken cancellationToken = default)
    {
        if (!await MayActAsync(user))
        {
            return new StaffActionResult(StaffActionOutcome.Forbidden, "Your role can see requests but not change them.");
        }

        try
        {
            var request = await actions.ApplyAsync(command, PortalActors.Staff(user), cancellationToken);
            return new StaffActionResult(StaffActionOutcome.Done, Done(command, request), request);
        }
        catch (RequestRuleException ex)
        {
            return new StaffActionResult(StaffActionOutcome.Refused, ex.Message);
        }
        catch (RequestActionInputException ex)
        {
            return new StaffActionResult(StaffActionOutcome.Invalid, ex.Message);
        }
    }

    private static string Done(RequestActionCommand command, DataRequest request) => command.Action switch
    {
        RequestAction.Cancel => $"Request {request.Id} cancelled.",
        RequestAction.Retry => $"Request {request.Id} queued again.",
        RequestAction.Deny => $"Request {request.Id} denied; the subject will see the reason.",
        RequestAction.AskSubject => request.ClockStopped
            ? $"Request {request.Id} waits for the subject's answer; its clock stands still meanwhile."
            : $"Request {request.Id} waits for the subject's answer; under the {request.Regime.ToWireName()} its clock keeps running.",
        RequestAction.RecordAnswer => $"Answer recorded; request {request.Id} is queued again and now due on {request.DueDate:d MMM yyyy}.",
        _ => $"Request {request.Id} is now due on {request.DueDate:d MMM yyyy}.",
    };
}
