using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Collection;

public class ResultSweeperTests
{
    [Fact]
    public async Task Sweep_AfterRetention_DeletesTheResultAndExpiresTheRequest()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var harness = await CollectionHarness.CreateAsync([new FakeSource("mail", "message")], time: time);
        var request = await harness.FileAsync("jane@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "p", TimeSpan.FromMinutes(1), CancellationToken.None));
        await harness.Collector().CollectAsync(request.Id, "p", CancellationToken.None);
        var sweeper = Sweeper(harness);

        time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.True(await harness.Store.ExistsAsync(request.Id));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        var expired = await harness.LoadAsync(request.Id);
        Assert.Equal(RequestState.Expired, expired.State);
        Assert.Equal("Retention period ended", expired.Timeline[^1].Reason);
        Assert.False(await harness.Store.ExistsAsync(request.Id));
        Assert.NotNull(expired.Result);
    }

    [Fact]
    public async Task Sweep_UnverifiedForAWeek_ClosesTheRequest_YoungerOnesStay()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var harness = await CollectionHarness.CreateAsync([new FakeSource("mail", "message")], time: time);
        var old = await harness.Filing.FileAsync(Subject.Create(SubjectType.Email, "old@example.com"), RequestChannel.SelfService, Actor.DataSubject("old@example.com"));
        time.Advance(TimeSpan.FromDays(2));
        var recent = await harness.Filing.FileAsync(Subject.Create(SubjectType.Email, "new@example.com"), RequestChannel.SelfService, Actor.DataSubject("new@example.com"));
        time.Advance(TimeSpan.FromDays(5));

        Assert.Equal(1, await Sweeper(harness).SweepAsync(CancellationToken.None));

        var closed = await harness.LoadAsync(old.Id);
        Assert.Equal(RequestState.Cancelled, closed.State);
        Assert.Equal("The email address was not verified within 7 days", closed.Timeline[^1].Reason);
        Assert.Equal(RequestState.Unverified, (await harness.LoadAsync(recent.Id)).State);
    }

    [Fact]
    public async Task Sweep_AQuestionUnansweredForTheConfiguredDays_ClosesTheRequestWithAReasonTheSubjectReads()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z"));
        await using var harness = await CollectionHarness.CreateAsync([new FakeSource("mail", "message")], time: time);
        harness.RequestOptions.AwaitingSubjectDays = 10;
        var request = await harness.FileAsync("jane@example.com");
        await using (var db = harness.Database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).SingleAsync(r => r.Id == request.Id);
            stored.AskSubject(SubjectQuestion.Identity, "Please confirm your date of birth.", Actor.Staff("officer@example.com"), harness.Clock);
            await db.SaveChangesAsync();
        }

        time.Advance(TimeSpan.FromDays(10) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Sweeper(harness).SweepAsync(CancellationToken.None));
        Assert.Equal(RequestState.AwaitingSubject, (await harness.LoadAsync(request.Id)).State);

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await Sweeper(harness).SweepAsync(CancellationToken.None));

        await using var check = harness.Database.CreateDbContext();
        var closed = await check.DataRequests.Include(r => r.Pauses).SingleAsync(r => r.Id == request.Id);
        Assert.Equal(RequestState.Cancelled, closed.State);
        Assert.Equal(ResultSweeper.UnansweredReason(10), closed.CancellationReason);
        Assert.Contains("no answer within 10 days", closed.CancellationReason, StringComparison.Ordinal);
        var pause = Assert.Single(closed.Pauses);
        Assert.NotNull(pause.EndedAt);
        Assert.Null(pause.Answer);
    }

    private static ResultSweeper Sweeper(CollectionHarness harness) => new(
        harness.Database, harness.Store, harness.Notifier, harness.Clock, harness.Time,
        Options.Create(harness.ResultOptions), Options.Create(harness.RequestOptions), NullLogger<ResultSweeper>.Instance);
}
