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
        Assert.Single(requests, r => r.IsExtended);
        Assert.All(requests.Where(r => r.State == RequestState.Denied), r => Assert.False(string.IsNullOrWhiteSpace(r.DenialReason)));
        Assert.Contains(requests, r => r.State == RequestState.Queued);
        Assert.Contains(requests, r => r.State == RequestState.Unverified);
        Assert.True(requests.Min(r => r.ReceivedAt) < clock.Now.AddDays(-70), "The history spans the chart's weeks.");
        Assert.Contains(requests, r => r.Timeline.Any(t => t.ActorName == "admin@example.com"));
        Assert.Equal(requests.Sum(r => r.Timeline.Count), await db.AuditEntries.CountAsync());
    }
}
