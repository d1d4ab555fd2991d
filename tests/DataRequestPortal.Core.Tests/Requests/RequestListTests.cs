using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Requests;

public class RequestListTests
{
    private static readonly Actor Olga = Actor.Staff("olga@example.com");

    [Fact]
    public async Task SearchAsync_ByTheFirstDigitsOfAnId_FindsThatRequest()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-01-05T09:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await filing.FileAsync(Subject.Create(SubjectType.Email, $"person{i}@example.com"), RequestChannel.Staff, Olga)).Id);
        }

        var found = await new RequestList(database, clock).SearchAsync(new RequestQuery { Search = ids[2].ToString(System.Globalization.CultureInfo.InvariantCulture)[..8] });

        Assert.Equal(ids[2], Assert.Single(found.Rows).Id);
    }

    [Fact]
    public async Task SearchAsync_FiltersSortsAndPagesInTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-01-05T09:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        var ids = new List<long>();
        for (var i = 0; i < 12; i++)
        {
            var channel = i % 3 == 0 ? RequestChannel.Api : RequestChannel.Staff;
            ids.Add((await filing.FileAsync(Subject.Create(SubjectType.Email, $"person{i:00}@example.com"), channel, channel == RequestChannel.Api ? Actor.ApiClient("crm") : Olga)).Id);
            time.Advance(TimeSpan.FromDays(3));
        }

        var list = new RequestList(database, clock);

        var apiOnly = await list.SearchAsync(new RequestQuery { Channel = RequestChannel.Api });
        Assert.Equal(4, apiOnly.Total);

        var page2 = await list.SearchAsync(new RequestQuery { Sort = RequestSort.Received, Descending = false, Skip = 5, Take = 5 });
        Assert.Equal(12, page2.Total);
        Assert.Equal(ids.Skip(5).Take(5), page2.Rows.Select(r => r.Id));

        var bySubject = await list.SearchAsync(new RequestQuery { Search = "PERSON07" });
        Assert.Equal("person07@example.com", Assert.Single(bySubject.Rows).SubjectId);

        var byId = await list.SearchAsync(new RequestQuery { Search = ids[3].ToString() });
        Assert.Equal(ids[3], Assert.Single(byId.Rows).Id);

        // Filed 5 Jan + 3 days each: due 5 Feb, 8 Feb, ... ; today is 10 Feb (12 × 3 days later).
        var overdue = await list.SearchAsync(new RequestQuery { Overdue = true });
        Assert.Equal(new[] { ids[0], ids[1] }.Order(), overdue.Rows.Select(r => r.Id).Order());

        var dueWindow = await list.SearchAsync(new RequestQuery { DueFrom = new DateOnly(2026, 2, 10), DueTo = new DateOnly(2026, 2, 17) });
        Assert.Equal(3, dueWindow.Total);

        var mine = await list.SearchAsync(new RequestQuery { InvolvingActor = "olga@example.com" });
        Assert.Equal(8, mine.Total);
    }

    [Fact]
    public async Task SearchAsync_ByState_KeepsOnlyThoseStates()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-01-05T09:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        var cancelled = await filing.FileAsync(Subject.Create(SubjectType.Profile, "1"), RequestChannel.Staff, Olga);
        await filing.FileAsync(Subject.Create(SubjectType.Profile, "2"), RequestChannel.Staff, Olga);
        await using (var db = database.CreateDbContext())
        {
            (await db.DataRequests.SingleAsync(r => r.Id == cancelled.Id)).Cancel(Olga, clock, "twice");
            await db.SaveChangesAsync();
        }

        var page = await new RequestList(database, clock).SearchAsync(new RequestQuery { States = [RequestState.Cancelled, RequestState.Denied] });

        Assert.Equal(cancelled.Id, Assert.Single(page.Rows).Id);
    }
}
