using System.Security.Claims;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Export;
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
        endpoints.MapGet("/requests/{id:long}/download/json", DownloadJson)
            .RequireAuthorization(PortalPolicies.Staff)
            .ExcludeFromDescription();
        endpoints.MapGet("/requests/{id:long}/download/pdf", DownloadPdf)
            .RequireAuthorization(PortalPolicies.Staff)
            .ExcludeFromDescription();
        return endpoints;
    }

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadJson(
        long id, ClaimsPrincipal user, ResultStore store, AuditLog audit, IDbContextFactory<PortalDbContext> dbFactory, CancellationToken cancellationToken) =>
        DownloadAsync(id, user, audit, dbFactory, "json", () => Task.FromResult(store.OpenRead(id)), "application/json", $"datarequest-{id}.json", cancellationToken);

    private static Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadPdf(
        long id, ClaimsPrincipal user, PdfReports reports, AuditLog audit, IDbContextFactory<PortalDbContext> dbFactory, CancellationToken cancellationToken) =>
        DownloadAsync(id, user, audit, dbFactory, "pdf", () => reports.OpenAsync(id, cancellationToken), PdfReports.ContentType, PdfReports.FileName(id), cancellationToken);

    private static async Task<Results<FileStreamHttpResult, ProblemHttpResult>> DownloadAsync(
        long id,
        ClaimsPrincipal user,
        AuditLog audit,
        IDbContextFactory<PortalDbContext> dbFactory,
        string format,
        Func<Task<Stream?>> open,
        string contentType,
        string fileName,
        CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.DataRequests.AnyAsync(r => r.Id == id, cancellationToken))
            {
                return TypedResults.Problem("There is no request with this id.", statusCode: StatusCodes.Status404NotFound);
            }
        }

        var result = await open();
        if (result is null)
        {
            return TypedResults.Problem("This request has no result to download: it is not completed, or its result has expired.", statusCode: StatusCodes.Status410Gone);
        }

        await audit.RecordDownloadAsync(PortalActors.Staff(user), id, format, cancellationToken);
        return TypedResults.Stream(result, contentType, fileName);
    }
}
