using System.Security.Claims;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Web.Authorization;

namespace DataRequestPortal.Web.Staff;

/// <summary>
/// The one door to review decisions and release from the dashboard: the role is checked on the server for every call,
/// whatever the page showed, then Core applies the review's rules.
/// </summary>
public sealed class StaffReviews(StaffRequestActions actions, ResultReviews reviews)
{
    public Task<bool> MayReviewAsync(ClaimsPrincipal user) => actions.MayActAsync(user);

    public async Task<StaffActionResult> DecideAsync(ClaimsPrincipal user, ReviewCommand command, CancellationToken cancellationToken = default) =>
        await RunAsync(user, async actor =>
        {
            var touched = await reviews.DecideAsync(command, actor, cancellationToken);
            return command.Action switch
            {
                ReviewAction.Withhold => touched == 1 ? "1 record withheld." : $"{touched} records withheld.",
                ReviewAction.Redact => touched == 1 ? "1 field redacted." : $"{touched} fields redacted.",
                _ => touched == 1 ? "1 decision taken back." : $"{touched} decisions taken back.",
            };
        });

    public async Task<StaffActionResult> ReleaseAsync(ClaimsPrincipal user, long requestId, long seenEntryId, CancellationToken cancellationToken = default) =>
        await RunAsync(user, async actor => await reviews.ReleaseAsync(requestId, seenEntryId, actor, cancellationToken) == ReleaseOutcome.Released
            ? $"Request {requestId} released: the subject can download it now."
            : "Release asked for: a second officer releases it.");

    private async Task<StaffActionResult> RunAsync(ClaimsPrincipal user, Func<Actor, Task<string>> act)
    {
        if (!await actions.MayActAsync(user))
        {
            return new StaffActionResult(StaffActionOutcome.Forbidden, "Your role can see requests but not review them.");
        }

        try
        {
            return new StaffActionResult(StaffActionOutcome.Done, await act(PortalActors.Staff(user)));
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
}
