using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Api;

/// <summary>The signed links in report emails whose result was too large to attach: no token, valid until the result expires.</summary>
public static class DownloadEndpoints
{
    public const string Path = "/download/{id:long}";

    public static IEndpointRouteBuilder MapResultDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, Download).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static Results<FileStreamHttpResult, ProblemHttpResult> Download(long id, long? expires, string? signature, DownloadLinks links, ResultStore store)
    {
        // A forged link and an unknown id look alike, so a link reveals nothing about other requests.
        var check = expires is { } until ? links.Check(id, until, signature) : DownloadLinkCheck.Forged;
        if (check == DownloadLinkCheck.Forged)
        {
            return TypedResults.Problem("This download link is not valid.", statusCode: StatusCodes.Status404NotFound);
        }

        var result = check == DownloadLinkCheck.Valid ? store.OpenRead(id) : null;
        if (result is null)
        {
            return TypedResults.Problem("This download link has expired and the result was deleted.", statusCode: StatusCodes.Status410Gone);
        }

        return TypedResults.Stream(result, "application/json", $"datarequest-{id}.json");
    }
}
