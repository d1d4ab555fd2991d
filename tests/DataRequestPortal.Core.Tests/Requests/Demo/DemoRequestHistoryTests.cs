using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Requests.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Requests.Demo;

public class DemoRequestHistoryTests
{
    [Fact]
    public async Task SeedAsync_FillsAnEmptyPortalOnce_WithDeadlinesAndReasonsToShow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-11-24T10:00:00Z");
        await using var db = database.CreateDbContext();

        var seeded = await DemoRequestHistory.SeedAsync(db, time, clock.Zone, "admin@example.com");
        var again = await DemoRequestHistory.SeedAsync(db, time, clock.Zone, "admin@example.com");

        Assert.Equal(0, again);
        var requests = await db.DataRequests.Include(r => r.Timeline).AsNoTracking().ToListAsync();
        Assert.Equal(seeded, requests.Count);
        Assert.Single(requests, r => r.IsOverdue(clock));
        Assert.Single(requests, r => r.State == RequestState.Failed && !r.IsOverdue(clock) && r.DaysLeft(clock) <= 7);
        Assert.Single(requests, r => r.IsExtended && RequestLifecycle.IsOpen(r.State));
        Assert.Single(requests, r => r.State == RequestState.AwaitingSubject && r.PausedSince < clock.Now.AddDays(-StaffDigest.AwaitingDays));
        Assert.All(requests.Where(r => r.State == RequestState.Denied), r => Assert.False(string.IsNullOrWhiteSpace(r.DenialReason)));
        Assert.Contains(requests, r => r.State == RequestState.Queued);
        Assert.Contains(requests, r => r.State == RequestState.Unverified);
        Assert.True(requests.Min(r => r.ReceivedAt) < clock.Now.AddDays(-70), "The history spans the chart's weeks.");
        Assert.Contains(requests, r => r.Timeline.Any(t => t.ActorName == "admin@example.com"));
        Assert.Equal(requests.Sum(r => r.Timeline.Count), await db.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task SeedAsync_GivesTheLastYearsReportFiguresToShow()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-11-24T10:00:00Z");
        await using (var db = database.CreateDbContext())
        {
            await DemoRequestHistory.SeedAsync(db, time, clock.Zone, "admin@example.com");
        }

        var report = new ComplianceReport(database, clock);
        var lastYear = await report.ComputeAsync(new ReportFilter(ReportPeriod.Year(2026)));

        Assert.True(lastYear.Total.CompletedInWhole >= 10, "Most of the year's requests were answered.");
        Assert.InRange(lastYear.Total.CompletedLate, 1, 5);
        Assert.True(lastYear.Total.Denied >= 1 && lastYear.Total.Extended >= 2 && lastYear.Total.Paused >= 1);
        Assert.True(lastYear.Months.Count(m => m.Figures.Received > 0) >= 10, "Every month or nearly has requests.");
        Assert.True((await report.ComputeAsync(new ReportFilter(ReportPeriod.Year(2026), Regime.Ccpa))).Total.CompletedInWhole >= 2);
    }
}
