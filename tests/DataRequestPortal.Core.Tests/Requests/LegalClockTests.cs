using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Requests;

/// <summary>A request's clock as staff and subjects live it: extensions only in time, pauses per regime, late work kept visible.</summary>
public class LegalClockTests
{
    private static readonly Actor Officer = Actor.Staff("officer@example.com");

    private static (DataRequest Request, ComplianceClock Clock, FakeTimeProvider Time) Filed(
        string receivedUtc, Regime regime = Regime.Gdpr, string zone = "UTC", RequestChannel channel = RequestChannel.Staff, HolidayCalendar? holidays = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(receivedUtc, System.Globalization.CultureInfo.InvariantCulture));
        var clock = new ComplianceClock(time, TimeZoneInfo.FindSystemTimeZoneById(zone), holidays);
        var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), channel, Officer, clock, regime: regime);
        if (channel == RequestChannel.SelfService)
        {
            request.Verify(Actor.DataSubject("jane@example.com"), clock);
        }

        return (request, clock, time);
    }

    private static void At(FakeTimeProvider time, string utc) => time.SetUtcNow(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void File_WithoutARegime_TakesTheOrganisationsDefault_AndItsPeriod()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var clock = new ComplianceClock(time, TimeZoneInfo.Utc, defaultRegime: Regime.Ccpa);

        var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Api, Actor.ApiClient("CRM"), clock);

        Assert.Equal(Regime.Ccpa, request.Regime);
        Assert.Equal(new DateOnly(2026, 4, 24), request.DueDate);
    }

    [Fact]
    public void ExtendDueDate_InTheLastMinuteOfTheDueDate_IsAllowed()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z");
        At(time, "2026-04-10T23:59:00Z");

        request.ExtendDueDate(1, Officer, "Eleven years of mail archives", clock);

        Assert.Equal(new DateOnly(2026, 5, 10), request.DueDate);
        Assert.Equal(new DateOnly(2026, 4, 10), request.DueDateBeforeExtension);
        Assert.Equal(new DateOnly(2026, 5, 10), request.ExtendedDueDate);
        Assert.Equal("Eleven years of mail archives", request.ExtensionReason);
    }

    [Fact]
    public void ExtendDueDate_InTheFirstMinuteAfterTheDueDate_IsRefusedAndTheRequestStaysOverdue()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z");
        At(time, "2026-04-11T00:00:00Z");

        var refused = Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(2, Officer, "Too much work", clock));

        Assert.Contains("was due on 10 Apr 2026 and is 1 day overdue", refused.Message, StringComparison.Ordinal);
        Assert.Contains("stays overdue", refused.Message, StringComparison.Ordinal);
        Assert.False(request.IsExtended);
        Assert.Equal(new DateOnly(2026, 4, 10), request.DueDate);
        Assert.True(request.IsOverdue(clock));
    }

    [Theory]
    [InlineData("2026-04-10T21:59:00Z", true)]
    [InlineData("2026-04-10T22:00:00Z", false)]
    public void ExtendDueDate_CountsTheDueDateInTheOrganisationsTimeZone(string now, bool allowed)
    {
        // 21:59 UTC is 23:59 in Amsterdam (summer time), the last minute of the due date there; 22:00 UTC is the next day.
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", zone: "Europe/Amsterdam");
        At(time, now);

        var refusal = Record.Exception(() => request.ExtendDueDate(1, Officer, "Archive restore", clock));

        Assert.Equal(allowed, refusal is null);
        Assert.Equal(allowed, request.IsExtended);
    }

    [Fact]
    public void ExtendDueDate_Ccpa_ByDays_UpToFortyFive()
    {
        var (request, clock, _) = Filed("2026-03-10T12:00:00Z", Regime.Ccpa);

        Assert.Contains("1 to 45 days", Assert.Throws<RequestRuleException>(() => request.ExtendDueDate(46, Officer, "Too long", clock)).Message, StringComparison.Ordinal);
        request.ExtendDueDate(45, Officer, "Nine systems to search", clock);

        Assert.Equal(new DateOnly(2026, 6, 8), request.DueDate);
    }

    [Fact]
    public void AskSubject_UkGdpr_StopsTheClock_DaysLeftFreeze_AndTheAnswerMovesTheDueDate()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", Regime.UkGdpr);
        Assert.Equal(new DateOnly(2026, 4, 10), request.DueDate);
        At(time, "2026-03-20T09:00:00Z");
        var before = request.DaysLeft(clock);

        request.AskSubject(SubjectQuestion.Clarification, "Which of your two accounts do you mean?", Officer, clock);
        At(time, "2026-03-25T09:00:00Z");

        Assert.Equal(RequestState.AwaitingSubject, request.State);
        Assert.True(request.ClockStopped);
        Assert.Equal(before, request.DaysLeft(clock));

        At(time, "2026-03-30T16:00:00Z");
        request.RecordAnswer("The one for jane@example.com", Actor.DataSubject("jane@example.com"), clock);

        // Ten days of waiting: 10 April + 10 days is Monday 20 April.
        Assert.Equal(RequestState.Queued, request.State);
        Assert.Equal(10, request.PausedDays);
        Assert.Equal(new DateOnly(2026, 4, 20), request.DueDate);
        var pause = Assert.Single(request.Pauses);
        Assert.Equal("The one for jane@example.com", pause.Answer);
        Assert.Equal(10, pause.DaysAdded);
        Assert.Null(request.PausedSince);
    }

    [Fact]
    public void AskSubject_UkGdpr_AMovedDueDateOnABankHoliday_MovesToTheNextWorkingDay()
    {
        var holidays = new HolidayCalendar([new DateOnly(2026, 5, 4)]);
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", Regime.UkGdpr, holidays: holidays);
        At(time, "2026-03-20T09:00:00Z");
        request.AskSubject(SubjectQuestion.Identity, "Please send the customer number on your last invoice.", Officer, clock);

        // 24 days: 10 April + 24 = Monday 4 May, the early May bank holiday; due Tuesday 5 May.
        At(time, "2026-04-13T09:00:00Z");
        request.RecordAnswer("4411", Officer, clock);

        Assert.Equal(new DateOnly(2026, 5, 5), request.DueDate);
    }

    [Theory]
    [InlineData(SubjectQuestion.Identity, "2026-03-13")]
    [InlineData(SubjectQuestion.Clarification, "2026-02-28")]
    public void AskSubject_Gdpr_OnlyAnIdentityQuestionStopsTheClock_AcrossTheMonthEnd(SubjectQuestion question, string due)
    {
        var (request, clock, time) = Filed("2026-01-31T10:00:00Z");
        Assert.Equal(new DateOnly(2026, 2, 28), request.DueDate);
        At(time, "2026-02-20T10:00:00Z");

        request.AskSubject(question, "Please confirm your date of birth.", Officer, clock);
        At(time, "2026-03-05T10:00:00Z");
        request.RecordAnswer("1 May 1980", Officer, clock);

        Assert.Equal(DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture), request.DueDate);
    }

    [Fact]
    public void AskSubject_Ccpa_NeverMovesTheDueDate_AndTheRequestCanBecomeOverdueWhileWaiting()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", Regime.Ccpa);
        At(time, "2026-04-20T09:00:00Z");

        request.AskSubject(SubjectQuestion.Identity, "Please confirm your address.", Officer, clock);
        At(time, "2026-04-30T09:00:00Z");

        Assert.False(request.ClockStopped);
        Assert.True(request.IsOverdue(clock));
        request.RecordAnswer("12 Main Street", Officer, clock);
        Assert.Equal(new DateOnly(2026, 4, 24), request.DueDate);
    }

    [Fact]
    public void AskSubject_AfterTheDueDate_IsRefused()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", Regime.UkGdpr);
        At(time, "2026-04-11T08:00:00Z");

        var refused = Assert.Throws<RequestRuleException>(() => request.AskSubject(SubjectQuestion.Identity, "Who are you?", Officer, clock));

        Assert.Contains("overdue", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RequestState.Queued, request.State);
    }

    [Fact]
    public void Cancel_WhileAwaitingTheSubject_NeedsAReason_AndEndsTheWaitUnanswered()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z", channel: RequestChannel.SelfService);
        request.AskSubject(SubjectQuestion.Identity, "Please confirm your date of birth.", Officer, clock);
        At(time, "2026-03-12T12:00:00Z");

        Assert.Equal("A cancellation needs a reason.", Assert.Throws<RequestRuleException>(() => request.Cancel(Officer, clock, " ")).Message);
        request.Cancel(Officer, clock, "You withdrew the request by phone.");

        Assert.Equal("You withdrew the request by phone.", request.CancellationReason);
        var pause = Assert.Single(request.Pauses);
        Assert.NotNull(pause.EndedAt);
        Assert.Null(pause.Answer);
        Assert.False(request.ClockStopped);
    }

    [Fact]
    public void DaysLate_CompletedAfterTheDueDate_CountsTheOrganisationsDays()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z");
        request.StartCollecting(clock, 1);
        At(time, "2026-04-13T08:00:00Z");

        request.Complete(new ResultFingerprint(10, new string('a', 64)), clock, TimeSpan.FromDays(30));

        Assert.Equal(3, request.DaysLate(clock));
    }

    [Fact]
    public void DaysLate_CompletedOnTheDueDate_IsOnTime()
    {
        var (request, clock, time) = Filed("2026-03-10T12:00:00Z");
        request.StartCollecting(clock, 1);
        At(time, "2026-04-10T23:59:00Z");

        request.Complete(new ResultFingerprint(10, new string('a', 64)), clock, TimeSpan.FromDays(30));

        Assert.Equal(0, request.DaysLate(clock));
    }
}
