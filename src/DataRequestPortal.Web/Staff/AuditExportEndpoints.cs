using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;

namespace DataRequestPortal.Web.Staff;

/// <summary>The audit log as CSV, with the same filters as the page; for staff only (auditors above all).</summary>
public static class AuditExportEndpoints
{
    public const string Path = "/audit/export.csv";

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync);
        return endpoints;
    }

    private static async Task ExportAsync(HttpContext context, AuditLog audit, StaffNames staffNames, DataRequestPortal.Core.Requests.ComplianceClock clock, string? from, string? to, string? action, string? actor, string? request, string? q)
    {
        var filter = AuditLogView.Parse(from, to, action, actor, request, q);
        filter = filter with { StaffNamed = await staffNames.AddressesOfNamedAsync(filter.Actor, context.RequestAborted) };
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-log-{clock.Today:yyyy-MM-dd}.csv\"";
        context.Response.Headers.CacheControl = "no-store";
        await audit.WriteCsvAsync(filter, context.Response.Body, context.RequestAborted);
    }
}
