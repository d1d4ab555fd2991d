using DataRequestPortal.Core.Downloads;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Hosting;

/// <summary>How the browser routes (staff, data subject, signed link) word a <see cref="ResultDownload"/>: a file, or ProblemDetails.</summary>
public static class BrowserDownloads
{
    public const string NoResult = "This request has no result to download: it is not completed, or its result has expired.";

    /// <summary>Every answer of these endpoints may hold a subject's data (or say that it exists): no browser or proxy keeps a copy.</summary>
    public static TBuilder KeptOutOfCaches<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });

    /// <summary>The format in a download path, which its route constraint limits to <c>json</c> and <c>pdf</c>.</summary>
    public static ResultFormat Format(string format) => format == "pdf" ? ResultFormat.Pdf : ResultFormat.Json;

    /// <summary>The file; 404 with <paramref name="notFound"/>; 410 for a result that is not there (yet or any more).</summary>
    public static Results<FileStreamHttpResult, ProblemHttpResult> Answer(ResultDownload download, string notFound) => download switch
    {
        ResultDownload.Ready ready => TypedResults.Stream(ready.Content, ready.ContentType, ready.FileName),
        ResultDownload.NotFound => TypedResults.Problem(notFound, statusCode: StatusCodes.Status404NotFound),
        _ => TypedResults.Problem(NoResult, statusCode: StatusCodes.Status410Gone),
    };
}
