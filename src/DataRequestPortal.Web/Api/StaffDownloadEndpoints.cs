using System.Security.Claims;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Web.Api;

/// <summary>Result downloads from the dashboard: any staff member (auditors included), each one written to the audit log.</summary>
public static class StaffDownloadEndpoints
{
    public static string JsonPath(long id) => $"/requests/{id}/download/json";

    public static string PdfPath(long id) => $"/requests/{id}/download/pdf";

    public static IEndpointRouteBuilder MapStaffDownloads(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/requests/{id:long}/download/{format:regex(^(json|pdf)$)}", DownloadAsync)
            .RequireAuthorization(PortalPolicies.Staff)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long id, string format, ClaimsPrincipal user, IDbContextFactory<PortalDbContext> dbFactory, HttpContext context) =>
        ResultDownloads.SendAsync(id, format, PortalActors.Staff(user), async cancellationToken =>
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            return await db.DataRequests.AnyAsync(r => r.Id == id, cancellationToken);
        }, "There is no request with this id.", context);
}
