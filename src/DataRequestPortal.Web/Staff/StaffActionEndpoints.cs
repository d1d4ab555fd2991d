using System.Globalization;
using System.Security.Claims;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataRequestPortal.Web.Staff;

/// <summary>
/// Request actions over HTTP for a signed-in officer or admin session (forms and scripts): the same checks as the
/// dashboard's buttons, because the buttons being hidden is never the protection.
/// </summary>
public static class StaffActionEndpoints
{
    public static IEndpointRouteBuilder MapStaffActions(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/requests/{id:long}/actions/{action}", ActAsync)
            .RequireAuthorization(PortalPolicies.HandleRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<ActionDone>, ProblemHttpResult>> ActAsync(
        long id, string action, [FromForm] ActionForm form, ClaimsPrincipal user, StaffRequestActions actions, CancellationToken cancellationToken)
    {
        if (!Enum.TryParse<RequestAction>(action, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
        {
            return TypedResults.Problem($"'{action}' is not an action; use cancel, retry, deny or extend.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!long.TryParse(form.Seen, NumberStyles.None, CultureInfo.InvariantCulture, out var seen))
        {
            return TypedResults.Problem("Send the id of the newest timeline entry you saw (field 'seen', a whole number), so a change made meanwhile is not overwritten.", statusCode: StatusCodes.Status400BadRequest);
        }

        var months = 0;
        if (!string.IsNullOrWhiteSpace(form.Months) && !int.TryParse(form.Months, NumberStyles.None, CultureInfo.InvariantCulture, out months))
        {
            return TypedResults.Problem($"'months' is {form.Months}; an extension is 1 or 2 months.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await actions.ApplyAsync(user, new RequestActionCommand(id, seen, kind, form.Reason, months), cancellationToken);
        return result.Outcome switch
        {
            StaffActionOutcome.Done => TypedResults.Ok(new ActionDone(result.Request!.Id, result.Request.State.ToString(), RequestActions.LastEntryId(result.Request), result.Message)),
            StaffActionOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
            StaffActionOutcome.Invalid => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    // Read as text, so a malformed number gets a message naming the field instead of a bare 400.
    public sealed record ActionForm(string? Seen, string? Reason, string? Months);

    public sealed record ActionDone(long Id, string State, long Seen, string Message);
}
