using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Web.Staff;

/// <summary>The compliance report as CSV, for the same period and filters as the page; in the staff group, so auditors read it too.</summary>
public static class ReportExportEndpoints
{
    public const string Path = "/reports/export.csv";

    public static IEndpointRouteBuilder MapReportExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, ExportAsync);
        return endpoints;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, ComplianceReport figures, ComplianceClock clock, string? year, string? quarter, string? month, string? regime, string? channel)
    {
        if (!ReportsView.TryParse(year, quarter, month, regime, channel, clock.Today, out var filter, out var error))
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "The report's period or filters cannot be read.");
        }

        var report = await figures.ComputeAsync(filter, context.RequestAborted);
        var name = ReportsView.Query(filter).TrimStart('?').Replace('&', '-').Replace('=', '-');
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.Stream(
            stream => ComplianceReport.WriteCsvAsync(report, stream, context.RequestAborted),
            "text/csv; charset=utf-8",
            $"compliance-report-{name}.csv");
    }
}
