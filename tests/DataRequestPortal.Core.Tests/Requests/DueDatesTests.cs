using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Requests;

public class DueDatesTests
{
    [Theory]
    [InlineData("2026-03-15", "2026-04-15")] // an ordinary day
    [InlineData("2026-01-31", "2026-02-28")] // February is shorter
    [InlineData("2028-01-31", "2028-02-29")] // leap year
    [InlineData("2028-01-29", "2028-02-29")]
    [InlineData("2026-01-29", "2026-02-28")] // 29 February does not exist in 2026
    [InlineData("2026-03-31", "2026-04-30")] // 30-day month
    [InlineData("2026-12-31", "2027-01-31")] // over the year end
    [InlineData("2028-02-29", "2028-03-29")] // from a leap day
    public void ForReceipt_SameDayNextMonth_OrThatMonthsLastDay(string received, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), DueDates.ForReceipt(DateOnly.Parse(received)));
    }

    [Theory]
    [InlineData("2026-02-28", 1, "2026-03-28")]
    [InlineData("2026-02-28", 2, "2026-04-28")]
    [InlineData("2026-04-30", 2, "2026-06-30")]
    [InlineData("2026-12-31", 2, "2027-02-28")]
    [InlineData("2027-12-31", 2, "2028-02-29")]
    public void Extend_CountsFurtherMonthsFromTheOriginalDueDate(string due, int months, string expected)
    {
        Assert.Equal(DateOnly.Parse(expected), DueDates.Extend(DateOnly.Parse(due), months));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(-1)]
    public void Extend_BeyondTwoMonths_IsRefused(int months)
    {
        var error = Assert.Throws<RequestRuleException>(() => DueDates.Extend(new DateOnly(2026, 5, 1), months));
        Assert.Contains("1 or 2 months", error.Message);
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
