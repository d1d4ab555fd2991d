using System.Security.Claims;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DataRequestPortal.Web.Staff;

/// <summary>
/// A request's manual tasks over HTTP for an officer or admin session (forms and scripts): upload what was found
/// (multipart, field <c>files</c>, optional <c>note</c>) or attest that nothing was found (<c>note</c>).
/// </summary>
public static class ManualTaskEndpoints
{
    /// <summary>Room for the largest upload Core takes plus the form's own parts; anything larger is refused before it is read.</summary>
    public const long MaxRequestBytes = ManualUploads.MaxBytes + (1024 * 1024);

    public static IEndpointRouteBuilder MapManualTasks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/requests/{id:long}/tasks/{number:int}/upload", UploadAsync)
            .RequireAuthorization(PortalPolicies.HandleRequests)
            .WithMetadata(new RequestSizeLimitAttribute(MaxRequestBytes));
        endpoints.MapPost("/requests/{id:long}/tasks/{number:int}/attest", AttestAsync)
            .RequireAuthorization(PortalPolicies.HandleRequests);
        return endpoints;
    }

    private static async Task<Results<Ok<TaskDone>, ProblemHttpResult>> UploadAsync(
        long id, int number, [FromForm] IFormFileCollection files, [FromForm] string? note, ClaimsPrincipal user, StaffTaskActions actions, CancellationToken cancellationToken)
    {
        var uploads = new List<UploadedFile>();
        try
        {
            foreach (var file in files)
            {
                uploads.Add(new UploadedFile(file.FileName, file.ContentType, file.OpenReadStream()));
            }

            return Answer(await actions.UploadAsync(user, id, number, uploads, note, cancellationToken));
        }
        finally
        {
            foreach (var upload in uploads)
            {
                await upload.Content.DisposeAsync();
            }
        }
    }

    private static async Task<Results<Ok<TaskDone>, ProblemHttpResult>> AttestAsync(
        long id, int number, [FromForm] string? note, ClaimsPrincipal user, StaffTaskActions actions, CancellationToken cancellationToken) =>
        Answer(await actions.AttestAsync(user, id, number, note, cancellationToken));

    private static Results<Ok<TaskDone>, ProblemHttpResult> Answer(StaffActionResult result) => result.Outcome switch
    {
        StaffActionOutcome.Done => TypedResults.Ok(new TaskDone(result.Message)),
        StaffActionOutcome.Forbidden => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status403Forbidden),
        StaffActionOutcome.Invalid => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status400BadRequest),
        StaffActionOutcome.NotFound => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        _ => TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict),
    };

    public sealed record TaskDone(string Message);
}
