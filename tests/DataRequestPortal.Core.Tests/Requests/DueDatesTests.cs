using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Requests;

public class DueDatesTests
{
    // England and Wales bank holidays around the dates below (gov.uk).
    private static readonly HolidayCalendar UkHolidays = new([
        new(2026, 4, 3), new(2026, 4, 6), new(2026, 5, 4), new(2026, 5, 25), new(2026, 8, 31), new(2026, 12, 25), new(2026, 12, 28),
        new(2027, 1, 1), new(2027, 3, 26), new(2027, 3, 29)]);

    private static DateOnly D(string day) => DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2026-03-15", "2026-04-15")] // an ordinary day
    [InlineData("2026-01-31", "2026-02-28")] // February is shorter
    [InlineData("2028-01-31", "2028-02-29")] // leap year
    [InlineData("2028-01-29", "2028-02-29")]
    [InlineData("2026-01-29", "2026-02-28")] // 29 February does not exist in 2026
    [InlineData("2026-03-31", "2026-04-30")] // 30-day month
    [InlineData("2026-12-31", "2027-01-31")] // over the year end
    [InlineData("2028-02-29", "2028-03-29")] // from a leap day
    [InlineData("2026-10-03", "2026-11-03")] // a Saturday stays a Saturday under the EU GDPR
    public void Gdpr_SameDayNextMonth_OrThatMonthsLastDay(string received, string expected)
    {
        Assert.Equal(D(expected), DueDates.ForReceipt(D(received)));
        Assert.Equal(D(expected), DueDates.For(Regime.Gdpr, D(received), UkHolidays));
    }

    [Theory]
    [InlineData("2026-02-28", 1, "2026-03-28")]
    [InlineData("2026-02-28", 2, "2026-04-28")]
    [InlineData("2026-04-30", 2, "2026-06-30")]
    [InlineData("2026-12-31", 2, "2027-02-28")]
    [InlineData("2027-12-31", 2, "2028-02-29")]
    public void Gdpr_Extension_CountsFurtherMonthsFromTheOriginalDueDate(string due, int months, string expected)
    {
        Assert.Equal(D(expected), DueDates.Extend(D(due), months));
    }

    [Theory]
    [InlineData("2026-01-31", 2, "2026-04-28")] // from 28 February, not from 31 January
    [InlineData("2026-03-15", 1, "2026-05-15")]
    public void Gdpr_For_WithAnExtension_MatchesExtend(string received, int months, string expected)
    {
        Assert.Equal(D(expected), DueDates.For(Regime.Gdpr, D(received), HolidayCalendar.None, extension: months));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Gdpr_ExtensionBeyondTwoMonths_IsRefused(int months)
    {
        var error = Assert.Throws<RequestRuleException>(() => DueDates.Extend(new DateOnly(2026, 5, 1), months));
        Assert.Contains("1 or 2 months", error.Message);
        if (months != 0)
        {
            Assert.Throws<RequestRuleException>(() => DueDates.For(Regime.UkGdpr, new DateOnly(2026, 5, 1), UkHolidays, extension: months));
        }
    }

    [Theory]
    [InlineData("2026-03-15", "2026-04-15")] // a Wednesday
    [InlineData("2026-10-03", "2026-11-03")] // received on a Saturday: the count still starts that day
    [InlineData("2026-09-12", "2026-10-12")] // Monday
    [InlineData("2026-10-10", "2026-11-10")]
    [InlineData("2026-03-28", "2026-04-28")]
    [InlineData("2026-02-28", "2026-03-30")] // 28 March 2026 is a Saturday: next working day, Monday 30 March
    [InlineData("2026-03-03", "2026-04-07")] // 3 April is Good Friday, 6 April Easter Monday
    [InlineData("2026-11-25", "2026-12-29")] // 25 December, weekend, 28 December (Boxing Day substitute)
    [InlineData("2026-11-28", "2026-12-29")]
    [InlineData("2026-12-01", "2027-01-04")] // 1 January is a holiday, then the weekend
    [InlineData("2026-01-31", "2026-03-02")] // 28 February 2026 is a Saturday
    [InlineData("2028-01-31", "2028-02-29")] // a leap day that is a Tuesday
    public void UkGdpr_ADueDateOnAWeekendOrBankHoliday_MovesToTheNextWorkingDay(string received, string expected)
    {
        Assert.Equal(D(expected), DueDates.For(Regime.UkGdpr, D(received), UkHolidays));
    }

    [Theory]
    [InlineData("2026-01-31", 2, "2026-04-30")] // three months from receipt, the ICO's count (not 28 April)
    [InlineData("2026-03-15", 2, "2026-06-15")]
    [InlineData("2026-03-15", 1, "2026-05-15")]
    [InlineData("2026-06-04", 2, "2026-09-04")]
    [InlineData("2026-05-31", 2, "2026-08-31")] // 31 August 2026 is a bank holiday... and a Monday
    public void UkGdpr_Extension_IsThreeMonthsFromReceipt_OnAWorkingDay(string received, int months, string expected)
    {
        var due = DueDates.For(Regime.UkGdpr, D(received), UkHolidays, extension: months);
        Assert.Equal(UkHolidays.OnOrNextWorkingDay(D(expected)), due);
        Assert.True(UkHolidays.IsWorkingDay(due));
    }

    [Theory]
    [InlineData("2026-03-15", "2026-04-29")]
    [InlineData("2026-12-20", "2027-02-03")] // over the year end
    [InlineData("2028-01-20", "2028-03-05")] // over a leap day
    [InlineData("2026-02-20", "2026-04-06")] // 45 calendar days, even when the last is a holiday elsewhere
    public void Ccpa_FortyFiveCalendarDays(string received, string expected)
    {
        Assert.Equal(D(expected), DueDates.For(Regime.Ccpa, D(received), UkHolidays));
    }

    [Theory]
    [InlineData(45, "2026-06-13")]
    [InlineData(1, "2026-04-30")]
    public void Ccpa_Extension_AddsUpToFortyFiveDays(int days, string expected)
    {
        Assert.Equal(D(expected), DueDates.For(Regime.Ccpa, D("2026-03-15"), HolidayCalendar.None, extension: days));
    }

    [Theory]
    [InlineData(46)]
    [InlineData(0)]
    public void Ccpa_ExtensionBeyondFortyFiveDays_IsRefused(int days)
    {
        var error = Assert.Throws<RequestRuleException>(() => DueDates.CheckExtension(Regime.Ccpa, days));
        Assert.Contains("1 to 45 days", error.Message);
    }

    [Theory]
    [InlineData(Regime.UkGdpr, SubjectQuestion.Identity, true)]
    [InlineData(Regime.UkGdpr, SubjectQuestion.Clarification, true)]
    [InlineData(Regime.Gdpr, SubjectQuestion.Identity, true)]
    [InlineData(Regime.Gdpr, SubjectQuestion.Clarification, false)]
    [InlineData(Regime.Ccpa, SubjectQuestion.Identity, false)]
    [InlineData(Regime.Ccpa, SubjectQuestion.Clarification, false)]
    public void PauseMovesDueDate_PerRegimeAndQuestion(Regime regime, SubjectQuestion question, bool moves)
    {
        Assert.Equal(moves, DueDates.PauseMovesDueDate(regime, question));
    }

    [Theory]
    [InlineData(Regime.Gdpr, "2026-01-31", 10, "2026-03-10")] // 28 February plus 10 days, across the month end
    [InlineData(Regime.Gdpr, "2028-01-31", 1, "2028-03-01")] // from a leap day
    [InlineData(Regime.UkGdpr, "2026-03-15", 16, "2026-05-01")] // 15 April plus 16 days
    [InlineData(Regime.UkGdpr, "2026-03-15", 18, "2026-05-05")] // 3 May is a Sunday, 4 May a bank holiday
    [InlineData(Regime.UkGdpr, "2026-11-15", 10, "2026-12-29")] // lands on 25 December, then the weekend and 28 December
    public void PausedDays_MoveTheDueDate_AcrossMonthEnds_AndOffHolidays(Regime regime, string received, int paused, string expected)
    {
        Assert.Equal(D(expected), DueDates.For(regime, D(received), UkHolidays, pausedDays: paused));
    }

    [Fact]
    public void PausedDays_AreTheDaysFromAskingToTheAnswer()
    {
        Assert.Equal(0, DueDates.PausedDays(D("2026-03-01"), D("2026-03-01")));
        Assert.Equal(31, DueDates.PausedDays(D("2026-03-01"), D("2026-04-01")));
        Assert.Equal(29, DueDates.PausedDays(D("2028-02-01"), D("2028-03-01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => DueDates.For(Regime.Ccpa, D("2026-03-01"), UkHolidays, pausedDays: 3));
    }

    [Fact]
    public void CanExtendOn_TheDueDateItself_ButNotTheDayAfter()
    {
        var due = D("2026-04-15");
        Assert.True(DueDates.CanExtendOn(D("2026-04-14"), due));
        Assert.True(DueDates.CanExtendOn(due, due));
        Assert.False(DueDates.CanExtendOn(D("2026-04-16"), due));
    }

    [Theory]
    [InlineData("2026-12-23 23:59", true)] // the last minute of the due date, Amsterdam time
    [InlineData("2026-12-24 00:00", false)] // the first minute after it
    public void CanExtendOn_CountsTheDayInTheOrganisationsZone(string amsterdamTime, bool allowed)
    {
        var local = DateTime.Parse(amsterdamTime, System.Globalization.CultureInfo.InvariantCulture);
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");
        var (clock, _) = TestClock.At(new DateTimeOffset(local, zone.GetUtcOffset(local)).UtcDateTime.ToString("O"), "Europe/Amsterdam");

        Assert.Equal(allowed, DueDates.CanExtendOn(clock.Today, D("2026-12-23")));
    }

    [Theory]
    [InlineData("2026-03-13", "2026-03-27")] // a Friday: two working weeks
    [InlineData("2026-03-31", "2026-04-16")] // Good Friday and Easter Monday are not working days
    [InlineData("2026-12-19", "2027-01-06")] // a Saturday, over Christmas and New Year
    public void Ccpa_ReceiptMustBeConfirmedWithinTenBusinessDays(string received, string expected)
    {
        Assert.Equal(D(expected), DueDates.ReceiptConfirmationDue(Regime.Ccpa, D(received), UkHolidays));
        Assert.Null(DueDates.ReceiptConfirmationDue(Regime.Gdpr, D(received), UkHolidays));
    }

    [Theory]
    [InlineData("GDPR", Regime.Gdpr)]
    [InlineData("uk-gdpr", Regime.UkGdpr)]
    [InlineData("UK GDPR", Regime.UkGdpr)]
    [InlineData("ccpa", Regime.Ccpa)]
    public void Regimes_ReadTheirNames(string name, Regime expected)
    {
        Assert.True(Regimes.TryParse(name, out var regime));
        Assert.Equal(expected, regime);
        Assert.True(Regimes.TryParse(expected.ToWireName(), out var again));
        Assert.Equal(expected, again);
        Assert.False(Regimes.TryParse("PIPEDA", out _));
    }

    [Fact]
    public void File_JustAfterMidnightInTheOrganisationsZone_CountsThatLocalDay()
    {
        // 00:30 on 1 February in Amsterdam is 23:30 UTC on 31 January: the local day is what counts.
        var (clock, _) = TestClock.At("2026-01-31T23:30:00Z", "Europe/Amsterdam");
        var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("officer@example.com"), clock);

        Assert.Equal(new DateOnly(2026, 3, 1), request.DueDate);
    }
}
