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
            return TypedResults.Problem($"'{action}' is not an action; use cancel, retry, deny, extend, asksubject or recordanswer.", statusCode: StatusCodes.Status404NotFound);
        }

        if (!long.TryParse(form.Seen, NumberStyles.None, CultureInfo.InvariantCulture, out var seen))
        {
            return TypedResults.Problem("Send the id of the newest timeline entry you saw (field 'seen', a whole number), so a change made meanwhile is not overwritten.", statusCode: StatusCodes.Status400BadRequest);
        }

        // 'months' for GDPR and UK GDPR, 'days' for CCPA; the request's regime decides which it allows.
        var amountText = string.IsNullOrWhiteSpace(form.Days) ? form.Months : form.Days;
        var amount = 0;
        if (!string.IsNullOrWhiteSpace(amountText) && !int.TryParse(amountText, NumberStyles.None, CultureInfo.InvariantCulture, out amount))
        {
            return TypedResults.Problem($"'{(string.IsNullOrWhiteSpace(form.Days) ? "months" : "days")}' is {amountText}; an extension is a whole number.", statusCode: StatusCodes.Status400BadRequest);
        }

        var question = SubjectQuestion.Identity;
        if (!string.IsNullOrWhiteSpace(form.Question) && (!Enum.TryParse(form.Question, ignoreCase: true, out question) || !Enum.IsDefined(question)))
        {
            return TypedResults.Problem($"'question' is {form.Question}; use identity or clarification.", statusCode: StatusCodes.Status400BadRequest);
        }

        var result = await actions.ApplyAsync(user, new RequestActionCommand(id, seen, kind, form.Reason, amount, question), cancellationToken);
        return result.Outcome switch
        {
            StaffActionOutcome.Done => TypedResults.Ok(new ActionDone(result.Request!.Id, result.Request.State.ToString(), RequestActions.LastEntryId(result.Request), result.Message)),
            StaffActionOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
            StaffActionOutcome.Invalid => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest),
            _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict),
        };
    }

    // Read as text, so a malformed number gets a message naming the field instead of a bare 400; properties rather
    // than constructor parameters, because the form binder refuses a form that leaves out a constructor parameter.
    public sealed record ActionForm
    {
        public string? Seen { get; init; }

        public string? Reason { get; init; }

        public string? Months { get; init; }

        public string? Days { get; init; }

        public string? Question { get; init; }
    }

    public sealed record ActionDone(long Id, string State, long Seen, string Message);
}
