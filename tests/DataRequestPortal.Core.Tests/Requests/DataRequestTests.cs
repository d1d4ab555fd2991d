using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Requests;

public class DataRequestTests
{
    private static readonly ResultFingerprint SomeResult = new(42, new string('a', 64));

    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");
    private static readonly Actor Officer = Actor.Staff("officer@example.com");

    [Fact]
    public void File_ByStaff_IsQueuedWithADueDateAndAFirstTimelineEntry()
    {
        var (clock, _) = TestClock.At("2026-01-31T10:00:00Z");

        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock, "ID checked against passport");

        Assert.Equal(RequestState.Queued, request.State);
        Assert.Equal(new DateOnly(2026, 2, 28), request.DueDate);
        Assert.Equal(request.DueDate, request.OriginalDueDate);
        Assert.Equal(clock.Now, request.ReceivedAt);
        var entry = Assert.Single(request.Timeline);
        Assert.Equal(TimelineEvent.Filed, entry.Event);
        Assert.Null(entry.FromState);
        Assert.Equal(RequestState.Queued, entry.ToState);
        Assert.Equal(Officer, entry.Actor);
        Assert.Equal("ID checked against passport", entry.Reason);
    }

    [Fact]
    public void File_BySelfService_WaitsForVerification_AndItsClockStartsWhenVerified()
    {
        var (clock, time) = TestClock.At("2026-01-30T10:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.SelfService, Actor.DataSubject("jane@example.com"), clock);
        Assert.Equal(RequestState.Unverified, request.State);
        Assert.False(RequestLifecycle.IsOpen(request.State));

        time.Advance(TimeSpan.FromDays(2)); // verified on 1 February
        request.Verify(Actor.DataSubject("jane@example.com"), clock);

        Assert.Equal(RequestState.Queued, request.State);
        Assert.Equal(new DateOnly(2026, 3, 1), request.DueDate);
        Assert.Equal(clock.Now, request.ReceivedAt);
    }

    [Fact]
    public void File_WithAMalformedId_IsRefused()
    {
        var (clock, _) = TestClock.At("2026-01-31T10:00:00Z");
        Assert.Throws<ArgumentOutOfRangeException>(() => DataRequest.File(7, Jane, RequestChannel.Api, Officer, clock));
    }

    [Fact]
    public void HappyPath_RecordsEveryTransitionWithTimeActorAndStates()
    {
        var (clock, time) = TestClock.At("2026-05-01T08:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Api, Actor.ApiClient("crm"), clock);

        time.Advance(TimeSpan.FromMinutes(1));
        request.StartCollecting(clock, 1);
        time.Advance(TimeSpan.FromMinutes(4));
        request.Complete(SomeResult, clock, TimeSpan.FromDays(30));

        Assert.Equal(RequestState.Completed, request.State);
        Assert.Equal(clock.Now, request.CompletedAt);
        Assert.Equal(clock.Now.AddDays(30), request.ExpiresAt);
        Assert.Equal(
            [(null, RequestState.Queued), (RequestState.Queued, RequestState.Collecting), (RequestState.Collecting, RequestState.Completed)],
            request.Timeline.Select(t => (t.FromState, t.ToState)).ToArray());
        Assert.Equal(
            [DateTimeOffset.Parse("2026-05-01T08:00:00Z"), DateTimeOffset.Parse("2026-05-01T08:01:00Z"), DateTimeOffset.Parse("2026-05-01T08:05:00Z")],
            request.Timeline.Select(t => t.At).ToArray());
        Assert.Equal(ActorKind.System, request.Timeline[^1].ActorKind);

        time.Advance(TimeSpan.FromDays(30));
        request.Expire(clock);
        Assert.Equal(RequestState.Expired, request.State);
        Assert.Equal("Retention period ended", request.Timeline[^1].Reason);
    }

    [Fact]
    public void Failed_CanBeRetriedByStaff_AndCollectedAgain()
    {
        var (clock, _) = TestClock.At("2026-05-01T08:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);
        request.StartCollecting(clock, 1);
        request.Fail("CRM", "timed out after 3 attempts", clock);
        Assert.Equal("Source 'CRM' failed: timed out after 3 attempts", request.Timeline[^1].Reason);
        Assert.Equal(("CRM", "timed out after 3 attempts"), (request.FailedSource, request.FailureMessage));

        request.Retry(Officer, clock, "CRM is back online");
        Assert.Null(request.FailedSource);
        request.StartCollecting(clock, 1);

        Assert.Equal(RequestState.Collecting, request.State);
        Assert.Equal((RequestState.Failed, RequestState.Queued), (request.Timeline[^2].FromState, request.Timeline[^2].ToState));
        Assert.Equal(Officer, request.Timeline[^2].Actor);
    }

    [Fact]
    public void Deny_RequiresAReason_AndKeepsItForTheSubject()
    {
        var (clock, _) = TestClock.At("2026-05-01T08:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);

        var error = Assert.Throws<RequestRuleException>(() => request.Deny(Officer, "   ", clock));
        Assert.Contains("needs a reason", error.Message);
        Assert.Equal(RequestState.Queued, request.State);
        Assert.Single(request.Timeline);

        request.Deny(Officer, "Manifestly unfounded: the fifth identical request this month", clock);
        Assert.Equal(RequestState.Denied, request.State);
        Assert.Equal("Manifestly unfounded: the fifth identical request this month", request.DenialReason);
    }

    private static readonly Dictionary<string, Action<DataRequest, ComplianceClock>> MovesFromQueued = new()
    {
        ["complete"] = (r, c) => r.Complete(SomeResult, c, TimeSpan.FromDays(1)),
        ["fail"] = (r, c) => r.Fail("CRM", "boom", c),
        ["retry"] = (r, c) => r.Retry(Officer, c),
        ["expire"] = (r, c) => r.Expire(c),
        ["verify"] = (r, c) => r.Verify(Officer, c),
    };

    [Theory]
    [InlineData("complete", "completed")]
    [InlineData("fail", "failed")]
    [InlineData("retry", "queued")]
    [InlineData("expire", "expired")]
    [InlineData("verify", "queued")]
    public void InvalidTransition_IsAnError_AndChangesNothing(string move, string target)
    {
        var (clock, _) = TestClock.At("2026-05-01T08:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);
        var version = request.Version;

        var error = Assert.Throws<RequestRuleException>(() => MovesFromQueued[move](request, clock));

        Assert.Equal($"This request is queued and cannot become {target}.", error.Message);
        Assert.Equal(RequestState.Queued, request.State);
        Assert.Single(request.Timeline);
        Assert.Equal(version, request.Version);
    }

    [Theory]
    [InlineData(RequestState.Cancelled)]
    [InlineData(RequestState.Denied)]
    [InlineData(RequestState.Expired)]
    public void FinalStates_AllowNoFurtherChange(RequestState final)
    {
        var (clock, _) = TestClock.At("2026-05-01T08:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);
        switch (final)
        {
            case RequestState.Cancelled: request.Cancel(Officer, clock, "Subject withdrew"); break;
            case RequestState.Denied: request.Deny(Officer, "Identity could not be confirmed", clock); break;
            default:
                request.StartCollecting(clock, 1);
                request.Complete(SomeResult, clock, TimeSpan.FromDays(1));
                request.Expire(clock);
                break;
        }

        Assert.True(RequestLifecycle.IsFinal(request.State));
        Assert.Throws<RequestRuleException>(() => request.Cancel(Officer, clock));
        Assert.Throws<RequestRuleException>(() => request.Retry(Officer, clock));
        Assert.Throws<RequestRuleException>(() => request.StartCollecting(clock, 1));
        Assert.Equal(final, request.State);
    }

    [Fact]
    public void ExtendDueDate_Once_ByUpToTwoMonths_WithAReason()
    {
        var (clock, _) = TestClock.At("2026-01-31T09:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);
        Assert.Equal(new DateOnly(2026, 2, 28), request.DueDate);

        request.ExtendDueDate(2, Officer, "Complex request: eleven systems involved", clock);

        Assert.Equal(new DateOnly(2026, 4, 28), request.DueDate);
        Assert.Equal(new DateOnly(2026, 2, 28), request.OriginalDueDate);
        Assert.True(request.IsExtended);
        var entry = request.Timeline[^1];
        Assert.Equal(TimelineEvent.DueDateExtended, entry.Event);
        Assert.Equal("Complex request: eleven systems involved", entry.Reason);
        Assert.Equal(RequestState.Queued, request.State);
    }

    [Fact]
    public void ExtendDueDate_ASecondTime_IsRefused()
    {
        var (clock, _) = TestClock.At("2026-01-31T09:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);
        request.ExtendDueDate(1, Officer, "Waiting for the archive", clock);

        var error = Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(1, Officer, "Still waiting", clock));

        Assert.Contains("only once", error.Message);
        Assert.Equal(new DateOnly(2026, 3, 28), request.DueDate);
    }

    [Fact]
    public void ExtendDueDate_WithoutReason_OrBeyondTheLimit_OrWhenClosed_IsRefused()
    {
        var (clock, _) = TestClock.At("2026-01-31T09:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);

        Assert.Contains("needs a reason", Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(1, Officer, "", clock)).Message);
        Assert.Contains("1 or 2 months", Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(3, Officer, "Very complex", clock)).Message);
        request.Cancel(Officer, clock, "Withdrawn");
        Assert.Contains("only an open request", Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(1, Officer, "Complex", clock)).Message);
        Assert.False(request.IsExtended);
        Assert.Equal(new DateOnly(2026, 2, 28), request.DueDate);
    }

    [Fact]
    public void IsOverdue_AfterTheDueDate_WhileOpen()
    {
        var (clock, time) = TestClock.At("2026-01-31T09:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);

        time.SetUtcNow(DateTimeOffset.Parse("2026-02-28T23:59:00Z"));
        Assert.False(request.IsOverdue(clock));
        Assert.Equal(0, request.DaysLeft(clock));

        time.SetUtcNow(DateTimeOffset.Parse("2026-03-01T00:01:00Z"));
        Assert.True(request.IsOverdue(clock));
        Assert.Equal(-1, request.DaysLeft(clock));

        request.StartCollecting(clock, 1);
        request.Complete(SomeResult, clock, TimeSpan.FromDays(30));
        Assert.False(request.IsOverdue(clock));
    }

    [Fact]
    public void Reasons_LongerThanTheLimit_AreRefused()
    {
        var (clock, _) = TestClock.At("2026-01-31T09:00:00Z");
        var request = DataRequest.File(DataRequestId.NewId(), Jane, RequestChannel.Staff, Officer, clock);

        Assert.Throws<RequestRuleException>(() => request.Cancel(Officer, clock, new string('x', DataRequest.MaxReasonLength + 1)));
        Assert.Equal(RequestState.Queued, request.State);
    }
}
