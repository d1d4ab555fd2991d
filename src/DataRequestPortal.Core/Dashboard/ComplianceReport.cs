using System.Globalization;
using System.Text;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Dashboard;

/// <summary>A calendar year, quarter or month in the organisation's days.</summary>
public sealed record ReportPeriod(DateOnly First, DateOnly Last)
{
    public static ReportPeriod Year(int year) => new(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

    public static ReportPeriod Quarter(int year, int quarter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quarter, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(quarter, 4);
        var first = new DateOnly(year, (3 * quarter) - 2, 1);
        return new(first, first.AddMonths(3).AddDays(-1));
    }

    public static ReportPeriod Month(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return new(first, first.AddMonths(1).AddDays(-1));
    }

    /// <summary>The first day of each month in the period.</summary>
    public IReadOnlyList<DateOnly> Months =>
        [.. Enumerable.Range(0, ((Last.Year - First.Year) * 12) + Last.Month - First.Month + 1).Select(i => new DateOnly(First.Year, First.Month, 1).AddMonths(i))];

    public string Label => (Last.Month - First.Month) switch
    {
        0 => First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        2 => $"Q{((First.Month - 1) / 3) + 1} {First.Year}",
        _ => First.Year.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>Which requests a report counts: those received in the period, of one regime and one channel when given.</summary>
public sealed record ReportFilter(ReportPeriod Period, Regime? Regime = null, RequestChannel? Channel = null);

/// <summary>How many requests were denied with one reason.</summary>
public sealed record DenialCount(string Reason, int Count);

/// <summary>
/// The figures for a set of requests received together. Days to respond and the share on time are over the requests
/// completed so far; null when none was.
/// </summary>
public sealed record ComplianceFigures(
    int Received,
    int CompletedInWhole,
    int Denied,
    IReadOnlyList<DenialCount> DeniedByReason,
    int Cancelled,
    int Extended,
    int Paused,
    int CompletedLate,
    int StillOpen,
    double? MedianDaysToRespond,
    double? MeanDaysToRespond,
    double? ShareOnTime);

/// <summary>The figures of one month of the period.</summary>
public sealed record MonthFigures(DateOnly Month, ComplianceFigures Figures);

public sealed record ComplianceReportResult(ReportFilter Filter, ComplianceFigures Total, IReadOnlyList<MonthFigures> Months);

/// <summary>
/// What CCPA §7102 asks a large business to publish and a DPO reports to the board. Every request counts in the period
/// in which it was received (the organisation's day of receipt, as §7102 does), whatever happened to it later: one
/// received in March and completed in April is March's. Requests still open are counted received but not completed;
/// self-service requests whose address is not verified yet are not received.
/// </summary>
public sealed class ComplianceReport(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock)
{
    private sealed record Row(DateTimeOffset ReceivedAt, RequestState State, DateTimeOffset? CompletedAt, DateOnly DueDate, bool Extended, bool Paused, string? DenialReason);

    public async Task<ComplianceReportResult> ComputeAsync(ReportFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var start = clock.StartOf(filter.Period.First);
        var end = clock.StartOf(filter.Period.Last.AddDays(1));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = db.DataRequests.AsNoTracking()
            .Where(r => r.ReceivedAt >= start && r.ReceivedAt < end && r.State != RequestState.Unverified);
        if (filter.Regime is { } regime)
        {
            query = query.Where(r => r.Regime == regime);
        }

        if (filter.Channel is { } channel)
        {
            query = query.Where(r => r.Channel == channel);
        }

        var rows = await query
            .Select(r => new Row(r.ReceivedAt, r.State, r.CompletedAt, r.DueDate, r.ExtendedAt != null, r.Pauses.Any(), r.DenialReason))
            .ToListAsync(cancellationToken);

        // Days are the organisation's, so months and lateness are decided here rather than in SQL.
        var byMonth = rows.ToLookup(r => { var d = clock.DateOf(r.ReceivedAt); return new DateOnly(d.Year, d.Month, 1); });
        var months = filter.Period.Months.Select(m => new MonthFigures(m, Figures(byMonth[m]))).ToList();
        return new ComplianceReportResult(filter, Figures(rows), months);
    }

    /// <summary>The report as CSV (RFC 4180, UTF-8): a row per month and the total, then the denials by reason.</summary>
    public static async Task WriteCsvAsync(ComplianceReportResult report, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        var regime = report.Filter.Regime?.ToWireName() ?? "All";
        var channel = report.Filter.Channel?.ToString() ?? "All";
        await writer.WriteAsync(Line(
            "period", "regime", "channel", "received", "completed_in_whole", "denied", "cancelled", "extended", "paused", "completed_late",
            "still_open", "median_days_to_respond", "mean_days_to_respond", "share_on_time"));
        foreach (var (label, f) in report.Months.Select(m => (m.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), m.Figures)).Append((report.Filter.Period.Label, report.Total)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            await writer.WriteAsync(Line(
                label, regime, channel, Number(f.Received), Number(f.CompletedInWhole), Number(f.Denied), Number(f.Cancelled), Number(f.Extended),
                Number(f.Paused), Number(f.CompletedLate), Number(f.StillOpen), Decimal(f.MedianDaysToRespond), Decimal(f.MeanDaysToRespond), Decimal(f.ShareOnTime)));
        }

        await writer.WriteAsync("\r\n" + Line("denial_reason", "denied"));
        foreach (var denial in report.Total.DeniedByReason)
        {
            await writer.WriteAsync(Line(denial.Reason, Number(denial.Count)));
        }
    }

    private ComplianceFigures Figures(IEnumerable<Row> requests)
    {
        var rows = requests.ToList();
        var completed = rows.Where(r => r.CompletedAt is not null).ToList();
        var days = completed.Select(r => clock.DateOf(r.CompletedAt!.Value).DayNumber - clock.DateOf(r.ReceivedAt).DayNumber).Order().ToList();
        var late = completed.Count(r => DueDates.DaysLate(r.CompletedAt, r.DueDate, clock) > 0);
        var denials = rows.Where(r => r.State == RequestState.Denied)
            .GroupBy(r => r.DenialReason ?? "")
            .Select(g => new DenialCount(g.Key, g.Count()))
            .OrderByDescending(d => d.Count).ThenBy(d => d.Reason, StringComparer.Ordinal)
            .ToList();
        return new ComplianceFigures(
            rows.Count,
            completed.Count,
            denials.Sum(d => d.Count),
            denials,
            rows.Count(r => r.State == RequestState.Cancelled),
            rows.Count(r => r.Extended),
            rows.Count(r => r.Paused),
            late,
            rows.Count(r => RequestLifecycle.IsOpen(r.State)),
            Median(days),
            days.Count == 0 ? null : days.Average(),
            completed.Count == 0 ? null : (double)(completed.Count - late) / completed.Count);
    }

    private static double? Median(List<int> sorted) => sorted.Count switch
    {
        0 => null,
        var n when n % 2 == 1 => sorted[n / 2],
        var n => (sorted[(n / 2) - 1] + sorted[n / 2]) / 2.0,
    };

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Decimal(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    private static string Line(params string[] cells) => string.Join(',', cells.Select(AuditLog.Csv)) + "\r\n";
}
