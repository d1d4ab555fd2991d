using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Requests;

public class RequestOverviewTests
{
    [Fact]
    public async Task SummaryAsync_CountsDeadlinesWeeksAndTheViewersOwnWork()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-01-05T09:00:00Z"); // a Monday
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        var overdue = await filing.FileAsync(Subject.Create(SubjectType.Email, "late@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.com"));
        time.Advance(TimeSpan.FromDays(30)); // 4 Feb, a Wednesday
        var dueSoon = await filing.FileAsync(Subject.Create(SubjectType.Email, "soon@example.com"), RequestChannel.Api, Actor.ApiClient("crm"));
        time.Advance(TimeSpan.FromDays(26)); // 2 Mar: the first is overdue (due 5 Feb), the second due 4 Mar
        var overview = new RequestOverview(database, new RequestList(database, clock), clock);

        var summary = await overview.SummaryAsync("olga@example.com");

        Assert.Equal(2, summary.Counts[RequestState.Queued]);
        Assert.Equal(overdue.Id, Assert.Single(summary.Overdue).Id);
        Assert.Equal(dueSoon.Id, Assert.Single(summary.DueSoon).Id);
        Assert.Equal(overdue.Id, Assert.Single(summary.MyOpen).Id);
        Assert.Equal(RequestOverview.Weeks, summary.Weeks.Count);
        Assert.Equal(new DateOnly(2026, 3, 2), summary.Weeks[^1].WeekStart);
        Assert.Equal(1, summary.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 2, 2)).Received);
        Assert.Equal(1, summary.Weeks.Single(w => w.WeekStart == new DateOnly(2026, 1, 5)).Received);
        Assert.Equal(2, summary.Weeks.Sum(w => w.Received));
    }
}
