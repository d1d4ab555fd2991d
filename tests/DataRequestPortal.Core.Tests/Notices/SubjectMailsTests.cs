using System.Globalization;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Notices;

public class SubjectMailsTests
{
    private static SubjectMails Mails(Uri? publicUrl = null, string zone = "UTC") => new(
        Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = "Example Shop" }),
        Microsoft.Extensions.Options.Options.Create(new PortalOptions { PublicUrl = publicUrl }),
        TestClock.At("2026-03-01T10:00:00Z", zone).Clock);

    [Fact]
    public void Code_WithPublicUrl_HasTheCodeTheLinkAndTheTimeItEnds()
    {
        var mail = Mails(new Uri("https://portal.example.org/base")).Code("jane@example.com", "012345", "tok-en_1", DateTimeOffset.Parse("2026-03-01T10:15:00Z", CultureInfo.InvariantCulture));

        Assert.Equal("012345 is your code for Example Shop", mail.Subject);
        Assert.Equal("jane@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Contains("Your code is: 012345", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.example.org/base/my-data/verify?link=tok-en_1", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://portal.example.org/base/my-data/verify?link=tok-en_1\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("until 10:15 (UTC)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("012345", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Example Shop", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_WithoutPublicUrl_SendsTheCodeAloneWithoutALink()
    {
        var mail = Mails().Code("jane@example.com", "012345", "token", DateTimeOffset.Parse("2026-03-01T10:15:00Z", CultureInfo.InvariantCulture));

        Assert.Contains("Your code is: 012345", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("href", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_OrganisationNameWithMarkup_IsEncodedInTheHtml()
    {
        var mail = new SubjectMails(
            Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = "Smith & <Sons>" }),
            Microsoft.Extensions.Options.Options.Create(new PortalOptions()),
            TestClock.At("2026-03-01T10:00:00Z").Clock).Code("jane@example.com", "012345", "t", DateTimeOffset.Parse("2026-03-01T10:15:00Z", CultureInfo.InvariantCulture));

        Assert.Contains("Smith &amp; &lt;Sons&gt;", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<Sons>", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_InAnotherTimeZone_ShowsTheEndInLocalTime()
    {
        var mail = Mails(zone: "Europe/Berlin").Code("jane@example.com", "012345", "t", DateTimeOffset.Parse("2026-03-01T10:15:00Z", CultureInfo.InvariantCulture));

        Assert.Contains("until 11:15 (", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_InSummerTime_NamesTheSummerZone()
    {
        var (clock, _) = TestClock.At("2026-07-01T10:00:00Z", "Europe/Berlin");

        var until = SubjectTexts.TimeOfDay(clock, DateTimeOffset.Parse("2026-07-01T10:15:00Z", CultureInfo.InvariantCulture));

        Assert.StartsWith("12:15 (", until, StringComparison.Ordinal);
        Assert.Contains(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").DaylightName, until, StringComparison.Ordinal);
        Assert.NotEqual(
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin").StandardName,
            until["12:15 (".Length..^1]);
    }

    [Fact]
    public void Ready_CollectionFoundNothing_SaysPlainlyThatWeHoldNoData()
    {
        var (clock, _) = TestClock.At("2026-03-01T10:00:00Z");
        var request = DataRequest.File(4_711_000_000_000_001, Subject.Create(SubjectType.Email, "nobody@example.com"), RequestChannel.SelfService, Actor.DataSubject("nobody@example.com"), clock);
        request.Verify(Actor.DataSubject("nobody@example.com"), clock);
        request.StartCollecting(clock, 3);
        request.Complete(new ResultFingerprint(420, new string('a', 64)), clock, TimeSpan.FromDays(30));

        var mail = Mails(new Uri("https://portal.example.org/")).Ready(request);

        Assert.Equal("Example Shop holds no personal data about you", mail.Subject);
        Assert.Contains("Your request 4711000000000001 is complete. We hold no personal data about this address.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("We hold no personal data about this address.", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("until Tuesday 31 March 2026", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://portal.example.org/my-data/requests", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", mail.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("download your data", mail.TextBody, StringComparison.OrdinalIgnoreCase);
    }
}

public class SubjectTextsTests
{
    [Theory]
    [InlineData(SubjectType.Email, "We hold no personal data about this address.")]
    [InlineData(SubjectType.Profile, "We hold no personal data about this profile.")]
    [InlineData(SubjectType.Subprofile, "We hold no personal data about this subprofile.")]
    public void NoDataHeld_NamesHowTheSubjectWasIdentified(SubjectType type, string expected) =>
        Assert.Equal(expected, SubjectTexts.NoDataHeld(type));

    [Fact]
    public void TimelineLine_CompletionThatFoundNothing_DoesNotSayTheDataIsReady()
    {
        var (clock, _) = TestClock.At("2026-03-01T10:00:00Z");
        var request = DataRequest.File(4_711_000_000_000_001, Subject.Create(SubjectType.Email, "nobody@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.com"), clock);
        request.StartCollecting(clock, 1);
        request.Complete(new ResultFingerprint(420, new string('a', 64)), clock, TimeSpan.FromDays(30));
        var completed = request.Timeline.Single(e => e.ToState == RequestState.Completed);

        Assert.Equal("Your data is ready", SubjectTexts.TimelineLine(completed));
        Assert.Equal("We finished searching: we hold no personal data about you", SubjectTexts.TimelineLine(completed, foundNothing: true));
    }

    [Theory]
    [InlineData("2026-03-31", "Tuesday 31 March 2026 (in 30 days)")]
    [InlineData("2026-03-02", "Monday 2 March 2026 (tomorrow)")]
    [InlineData("2026-03-01", "Sunday 1 March 2026 (today)")]
    [InlineData("2026-02-28", "Saturday 28 February 2026 (yesterday)")]
    [InlineData("2026-02-20", "Friday 20 February 2026 (9 days ago)")]
    public void DueDate_RelativeToToday_InWords(string due, string expected) =>
        Assert.Equal(expected, SubjectTexts.DueDate(DateOnly.Parse(due, CultureInfo.InvariantCulture), new DateOnly(2026, 3, 1)));

    [Theory]
    [InlineData(4, "4 more tries")]
    [InlineData(1, "1 more try;")]
    public void WrongCode_AttemptsLeft_CountedInWords(int left, string expected) =>
        Assert.Contains(expected, SubjectTexts.WrongCode(left), StringComparison.Ordinal);

    [Theory]
    [InlineData(55 * 60, "55 minutes")]
    [InlineData(61, "2 minutes")]
    [InlineData(1, "1 minute.")]
    public void TooManyForAddress_Wait_RoundedUpToWholeMinutes(int seconds, string expected) =>
        Assert.Contains(expected, SubjectTexts.TooManyForAddress(TimeSpan.FromSeconds(seconds)), StringComparison.Ordinal);
}
