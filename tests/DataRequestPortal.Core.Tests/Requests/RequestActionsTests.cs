using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Requests;

public class RequestActionsTests
{
    private static readonly Actor Olga = Actor.Staff("olga@example.com");
    private static readonly Actor Piet = Actor.Staff("piet@example.com");

    private static async Task<(TestDatabase Database, RequestActions Actions, DataRequest Request, RequestStatusNotifier Notifier)> FiledAsync(Action<DataRequest, ComplianceClock>? then = null)
    {
        var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var notifier = new RequestStatusNotifier();
        var request = await new RequestFiling(database, clock, notifier).FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Olga, "Checked");
        if (then is not null)
        {
            await using var db = database.CreateDbContext();
            var tracked = await db.DataRequests.SingleAsync(r => r.Id == request.Id);
            then(tracked, clock);
            await db.SaveChangesAsync();
            request = tracked;
        }

        return (database, new RequestActions(database, clock, notifier, new SubjectNoticeQueue(clock)), request, notifier);
    }

    private static async Task<DataRequest> StoredAsync(TestDatabase database, long id)
    {
        await using var db = database.CreateDbContext();
        return await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == id);
    }

    [Fact]
    public async Task Deny_WithAReason_IsRecordedForTheSubject()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;

        await actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Deny, "Manifestly unfounded"), Piet);

        var stored = await StoredAsync(database, request.Id);
        Assert.Equal(RequestState.Denied, stored.State);
        Assert.Equal("Manifestly unfounded", stored.DenialReason);
        Assert.Equal(Piet, stored.Timeline.OrderBy(t => t.Id).Last().Actor);
    }

    [Fact]
    public async Task Deny_WithoutAReason_IsRefused_AndNothingChanges()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() => actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Deny, "  "), Piet));

        Assert.Equal("A denial needs a reason.", refused.Message);
        Assert.Equal(RequestState.Queued, (await StoredAsync(database, request.Id)).State);
    }

    [Fact]
    public async Task Extend_ASecondTime_IsRefused_WithTheDateItWasExtendedTo()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;
        var extended = await actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Extend, "Complex", 2), Piet);
        Assert.Equal(new DateOnly(2026, 6, 10), extended.DueDate);

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() =>
            actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(extended), RequestAction.Extend, "More", 1), Piet));

        Assert.Contains("already extended to 2026-06-10", refused.Message);
        Assert.Equal(new DateOnly(2026, 6, 10), (await StoredAsync(database, request.Id)).DueDate);
    }

    [Fact]
    public async Task Extend_BeyondTwoMonths_IsRefused()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() => actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Extend, "Busy", 3), Piet));

        Assert.Contains("1 or 2 months", refused.Message);
        Assert.Null((await StoredAsync(database, request.Id)).ExtendedAt);
    }

    [Fact]
    public async Task Retry_OnAQueuedRequest_IsRefused()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() => actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Retry), Piet));

        Assert.Equal("This request is queued and cannot become queued.", refused.Message);
    }

    [Fact]
    public async Task Retry_OnAFailedRequest_QueuesItAgain_AndWakesTheCollector()
    {
        var (database, actions, request, notifier) = await FiledAsync((r, clock) =>
        {
            r.StartCollecting(clock, 1);
            r.Fail("crm", "refused", clock);
        });
        await using var _ = database;
        var woken = false;
        notifier.WorkAvailable += () => woken = true;

        await actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Retry, "CRM is back"), Piet);

        var stored = await StoredAsync(database, request.Id);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Null(stored.FailedSource);
        Assert.True(woken);
    }

    [Fact]
    public async Task AnActionFromAStalePage_IsRefused_NamingWhoChangedIt()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;
        var seenByBoth = RequestActions.LastEntryId(request);
        await actions.ApplyAsync(new RequestActionCommand(request.Id, seenByBoth, RequestAction.Cancel, "Withdrawn"), Olga);

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() =>
            actions.ApplyAsync(new RequestActionCommand(request.Id, seenByBoth, RequestAction.Extend, "Busy", 1), Piet));

        Assert.Contains("changed by olga@example.com", refused.Message);
        Assert.Contains("now cancelled", refused.Message);
        var stored = await StoredAsync(database, request.Id);
        Assert.Null(stored.ExtendedAt);
        Assert.Equal(2, stored.Timeline.Count);
    }

    [Fact]
    public async Task AnActionClaimingToHaveSeenAFutureEntry_IsRefused_AndChangesNothing()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;
        var seenByBoth = RequestActions.LastEntryId(request);
        await actions.ApplyAsync(new RequestActionCommand(request.Id, seenByBoth, RequestAction.Extend, "Complex", 1), Olga);

        foreach (var forged in new[] { long.MaxValue, seenByBoth + 1_000_000 })
        {
            var refused = await Assert.ThrowsAsync<RequestActionInputException>(() =>
                actions.ApplyAsync(new RequestActionCommand(request.Id, forged, RequestAction.Cancel, "Forged"), Piet));
            Assert.Contains("not one of this request's entries", refused.Message);
            Assert.Contains("Nothing was changed", refused.Message);
        }

        var stored = await StoredAsync(database, request.Id);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(2, stored.Timeline.Count);
    }

    [Fact]
    public async Task AnActionNamingAnotherRequestsNewerEntry_IsRefused_AndChangesNothing()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;
        var seen = RequestActions.LastEntryId(request);
        await actions.ApplyAsync(new RequestActionCommand(request.Id, seen, RequestAction.Extend, "Complex", 1), Olga);
        var (clock, _) = TestClock.At("2026-03-10T12:05:00Z");
        var other = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "john@example.com"), RequestChannel.Staff, Olga, "Checked");

        await Assert.ThrowsAsync<RequestActionInputException>(() =>
            actions.ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(other), RequestAction.Cancel, "Forged"), Piet));

        var stored = await StoredAsync(database, request.Id);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(2, stored.Timeline.Count);
    }

    [Fact]
    public async Task ThePortalsOwnProgress_SinceThePageWasShown_DoesNotMakeItStale()
    {
        var (database, actions, request, _) = await FiledAsync();
        await using var _ = database;
        var seen = RequestActions.LastEntryId(request);
        await using (var db = database.CreateDbContext())
        {
            var (clock, _) = TestClock.At("2026-03-10T12:01:00Z");
            (await db.DataRequests.SingleAsync(r => r.Id == request.Id)).StartCollecting(clock, 2);
            await db.SaveChangesAsync();
        }

        var cancelled = await actions.ApplyAsync(new RequestActionCommand(request.Id, seen, RequestAction.Cancel, "Withdrawn"), Piet);

        Assert.Equal(RequestState.Cancelled, cancelled.State);
    }

    [Theory]
    [InlineData(RequestState.Queued, false, new[] { RequestAction.Cancel, RequestAction.Deny, RequestAction.Extend, RequestAction.AskSubject })]
    [InlineData(RequestState.Failed, true, new[] { RequestAction.Cancel, RequestAction.Retry, RequestAction.Deny, RequestAction.AskSubject })]
    [InlineData(RequestState.AwaitingSubject, false, new[] { RequestAction.Cancel, RequestAction.Deny, RequestAction.Extend, RequestAction.RecordAnswer })]
    [InlineData(RequestState.Unverified, false, new[] { RequestAction.Cancel })]
    [InlineData(RequestState.Completed, false, new RequestAction[0])]
    [InlineData(RequestState.Denied, false, new RequestAction[0])]
    public void Allowed_FollowsTheLifecycle(RequestState state, bool extended, RequestAction[] expected) =>
        Assert.Equal(expected, RequestActions.Allowed(state, extended));
}
