using System.Security.Claims;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;

namespace DataRequestPortal.Web.Staff;

/// <summary>
/// The one door to manual tasks from the request page and HTTP: officers and admins only, checked here on the server for
/// every call, then Core does the task. Auditors and subjects are refused whatever the page showed.
/// </summary>
public sealed class StaffTaskActions(IAuthorizationService authorization, ManualTasks tasks)
{
    public async Task<bool> MayActAsync(ClaimsPrincipal user) =>
        (await authorization.AuthorizeAsync(user, PortalPolicies.HandleRequests)).Succeeded;

    public Task<StaffActionResult> UploadAsync(ClaimsPrincipal user, long requestId, int number, IReadOnlyList<UploadedFile> files, string? note, CancellationToken cancellationToken = default) =>
        DoAsync(user, async actor =>
        {
            var task = await tasks.UploadAsync(requestId, number, files, note, actor, cancellationToken);
            return $"Task {task.Number} done: {task.Records} {(task.Records == 1 ? "record" : "records")} uploaded.";
        });

    public Task<StaffActionResult> AttestAsync(ClaimsPrincipal user, long requestId, int number, string? note, CancellationToken cancellationToken = default) =>
        DoAsync(user, async actor =>
        {
            var task = await tasks.AttestAsync(requestId, number, note, actor, cancellationToken);
            return $"Task {task.Number} done: searched, nothing found.";
        });

    private async Task<StaffActionResult> DoAsync(ClaimsPrincipal user, Func<Actor, Task<string>> work)
    {
        if (!await MayActAsync(user))
        {
            return new StaffActionResult(StaffActionOutcome.Forbidden, "Your role can see requests but not do their tasks.");
        }

        try
        {
            return new StaffActionResult(StaffActionOutcome.Done, await work(PortalActors.Staff(user)));
        }
        catch (ManualUploadException ex)
        {
            return new StaffActionResult(StaffActionOutcome.Invalid, ex.Message);
        }
        catch (ManualTaskNotFoundException ex)
        {
            return new StaffActionResult(StaffActionOutcome.NotFound, ex.Message);
        }
        catch (RequestRuleException ex)
        {
            return new StaffActionResult(StaffActionOutcome.Refused, ex.Message);
        }
    }
}
