using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

/// <summary>Requests received and completed in one week (Monday to Sunday, the organisation's days).</summary>
public sealed record WeeklyCount(DateOnly WeekStart, int Received, int Completed);

/// <summary>The home page in one read: counts, the deadlines that need attention, the trend and the viewer's own open work.</summary>
public sealed record DashboardSummary(
    IReadOnlyDictionary<RequestState, int> Counts,
    int OverdueCount,
    IReadOnlyList<RequestRow> Overdue,
    int DueSoonCount,
    IReadOnlyList<RequestRow> DueSoon,
    IReadOnlyList<WeeklyCount> Weeks,
    int MyOpenCount,
    IReadOnlyList<RequestRow> MyOpen,
    int CompletedLateCount = 0)
{
    public int Open => Counts.Where(c => RequestLifecycle.IsOpen(c.Key)).Sum(c => c.Value);
}

/// <summary>Figures for the dashboard's home page.</summary>
public sealed class RequestOverview(IDbContextFactory<PortalDbContext> dbFactory, RequestList list, ComplianceClock clock)
{
    public const int Weeks = 12;
    private const int ListLength = 5;

    /// <summary>The period the overview counts late completions over.</summary>
    public const int LateMonths = 12;

    private static readonly RequestState[] OpenStates = [.. RequestLifecycle.OpenStates];

    /// <summary>How many requests are in each state; every state is present, zero when none.</summary>
    public async Task<IReadOnlyDictionary<RequestState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.DataRequests
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.State, x => x.Count, cancellationToken);
        return Enum.GetValues<RequestState>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }

    public async Task<DashboardSummary> SummaryAsync(string viewer, CancellationToken cancellationToken = default)
    {
        var counts = await CountByStateAsync(cancellationToken);
        var overdue = await list.SearchAsync(OverdueQuery() with { Take = ListLength }, cancellationToken);
        var dueSoon = await list.SearchAsync(DueSoonQuery(clock.Today) with { Take = ListLength }, cancellationToken);
        var mine = await list.SearchAsync(MyOpenWorkQuery(viewer) with { Take = ListLength }, cancellationToken);
        var weeks = await WeeklyAsync(cancellationToken);
        var late = await CompletedLateAsync(cancellationToken);
        return new DashboardSummary(counts, overdue.Total, overdue.Rows, dueSoon.Total, dueSoon.Rows, weeks, mine.Total, mine.Rows, late);
    }

    /// <summary>
    /// Requests completed after their due date in the last <see cref="LateMonths"/> months, whatever became of them
    /// since (an expired result was still late).
    /// </summary>
    public async Task<int> CompletedLateAsync(CancellationToken cancellationToken = default)
    {
        var since = clock.StartOf(clock.Today.AddMonths(-LateMonths));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var completed = await db.DataRequests.Where(r => r.CompletedAt >= since)
            .Select(r => new { r.CompletedAt, r.DueDate }).ToListAsync(cancellationToken);

        // The organisation's day of completion decides, so the comparison is made here rather than in SQL.
        return completed.Count(r => DueDates.DaysLate(r.CompletedAt, r.DueDate, clock) > 0);
    }

    /// <summary>Open requests past their due date, most urgent first.</summary>
    public static RequestQuery OverdueQuery() => new() { Overdue = true, Sort = RequestSort.Due, Descending = false };

    /// <summary>Open requests due from today up to <see cref="RequestQuery.DueSoonDays"/> days ahead.</summary>
    public static RequestQuery DueSoonQuery(DateOnly today) => new()
    {
        States = OpenStates,
        DueFrom = today,
        DueTo = today.AddDays(RequestQuery.DueSoonDays),
        Sort = RequestSort.Due,
        Descending = false,
    };

    /// <summary>Open requests the viewer filed or acted on.</summary>
    public static RequestQuery MyOpenWorkQuery(string viewer) => new()
    {
        States = OpenStates,
        InvolvingActor = viewer,
        Sort = RequestSort.Due,
        Descending = false,
    };

    private async Task<IReadOnlyList<WeeklyCount>> WeeklyAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var thisWeek = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisWeek.AddDays(-7 * (Weeks - 1));
        var since = clock.StartOf(first);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var received = await db.DataRequests.Where(r => r.ReceivedAt >= since).Select(r => r.ReceivedAt).ToListAsync(cancellationToken);
        var completed = await db.DataRequests.Where(r => r.CompletedAt >= since).Select(r => r.CompletedAt!.Value).ToListAsync(cancellationToken);

        int WeekOf(DateTimeOffset instant) => (clock.DateOf(instant).DayNumber - first.DayNumber) / 7;
        var receivedPerWeek = received.Select(WeekOf).Where(w => w is >= 0 and < Weeks).CountBy(w => w).ToDictionary();
        var completedPerWeek = completed.Select(WeekOf).Where(w => w is >= 0 and < Weeks).CountBy(w => w).ToDictionary();
        return [.. Enumerable.Range(0, Weeks).Select(w => new WeeklyCount(first.AddDays(7 * w), receivedPerWeek.GetValueOrDefault(w), completedPerWeek.GetValueOrDefault(w)))];
    }
}
