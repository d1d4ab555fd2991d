using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Api;

/// <summary>The signed links in report emails whose result was too large to attach: no token, valid until the result expires.</summary>
public static class DownloadEndpoints
{
    public const string Path = "/download/{id:long}";

    public static IEndpointRouteBuilder MapSignedDownloadLinks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, DownloadAsync).AllowAnonymous().KeptOutOfCaches().ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, long? expires, string? signature, ResultDownloads downloads, CancellationToken cancellationToken) =>
        await downloads.OpenAsync(new Downloader.SignedLink(expires, signature), id, ResultFormat.Json, cancellationToken) switch
        {
            ResultDownload.Ready ready => TypedResults.Stream(ready.Content, ready.ContentType, ready.FileName),
            ResultDownload.NotFound => TypedResults.Problem("This download link is not valid.", statusCode: StatusCodes.Status404NotFound),
            _ => TypedResults.Problem("This download link has expired and the result was deleted.", statusCode: StatusCodes.Status410Gone),
        };
}
