using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// A result download by a signed-in person (staff or data subject): refused unless they may see the request, 410 once
/// the result is gone, and written to the audit log with who, which request and which format.
/// </summary>
public static class ResultDownloads
{
    public const string Json = "json";

    public const string Pdf = "pdf";

    public static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> SendAsync(
        long id,
        string format,
        Actor actor,
        Func<CancellationToken, Task<bool>> maySee,
        string notFound,
        HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(maySee);
        ArgumentNullException.ThrowIfNull(context);
        var cancellationToken = context.RequestAborted;
        if (!await maySee(cancellationToken))
        {
            return TypedResults.Problem(notFound, statusCode: StatusCodes.Status404NotFound);
        }

        var services = context.RequestServices;
        var result = format == Pdf
            ? await services.GetRequiredService<PdfReports>().OpenAsync(id, cancellationToken)
            : services.GetRequiredService<ResultStore>().OpenRead(id);
        if (result is null)
        {
            return TypedResults.Problem("This request has no result to download: it is not completed, or its result has expired.", statusCode: StatusCodes.Status410Gone);
        }

        await services.GetRequiredService<AuditLog>().RecordDownloadAsync(actor, id, format, cancellationToken);
        return format == Pdf
            ? TypedResults.Stream(result, PdfReports.ContentType, PdfReports.FileName(id))
            : TypedResults.Stream(result, "application/json", $"datarequest-{id}.json");
    }
}
