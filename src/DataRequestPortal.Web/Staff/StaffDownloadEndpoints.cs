using System.Security.Claims;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Web.Authorization;
using DataRequestPortal.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataRequestPortal.Web.Staff;

/// <summary>Result downloads from the dashboard: any staff member (auditors included), each one written to the audit log.</summary>
public static class StaffDownloadEndpoints
{
    public static string JsonPath(long id) => $"/requests/{id}/download/json";

    public static string PdfPath(long id) => $"/requests/{id}/download/pdf";

    public static IEndpointRouteBuilder MapStaffDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/requests/{id:long}/download/{format:regex(^(json|pdf)$)}", DownloadAsync)
            .KeptOutOfCaches();
        return endpoints;
    }

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, string format, ClaimsPrincipal user, ResultDownloads downloads, CancellationToken cancellationToken) =>
        BrowserDownloads.Answer(
            await downloads.OpenAsync(new Downloader.StaffMember(PortalActors.Staff(user).Name), id, BrowserDownloads.Format(format), cancellationToken),
            "There is no request with this id.");
}
