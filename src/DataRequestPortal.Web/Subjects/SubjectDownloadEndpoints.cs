using System.Security.Claims;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Web.Authorization;
using DataRequestPortal.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Subjects;

/// <summary>
/// A data subject's downloads of their own results. Whose request it is comes from the signed-in address, never from the
/// URL: another subject's request answers exactly like one that does not exist.
/// </summary>
public static class SubjectDownloadEndpoints
{
    public static string JsonPath(long id) => $"/my-data/requests/{id}/download/json";

    public static string PdfPath(long id) => $"/my-data/requests/{id}/download/pdf";

    public static IEndpointRouteBuilder MapSubjectDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/requests/{id:long}/download/{format:regex(^(json|pdf)$)}", DownloadAsync)
            .RequireAuthorization(PortalPolicies.Subject)
            .KeptOutOfCaches();
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, string format, ClaimsPrincipal user, ResultDownloads downloads, CancellationToken cancellationToken) =>
        BrowserDownloads.Answer(
            await downloads.OpenAsync(new Downloader.DataSubject(PortalActors.SubjectEmail(user)), id, BrowserDownloads.Format(format), cancellationToken),
            SubjectTexts.NotYours);
}
