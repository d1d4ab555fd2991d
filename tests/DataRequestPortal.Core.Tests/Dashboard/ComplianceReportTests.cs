using System.Text;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Dashboard;

public class ComplianceReportTests
{
    private const string Zone = "Europe/Amsterdam";
    private static readonly Actor Officer = Actor.Staff("olga@example.com");

    [Fact]
    public async Task ComputeAsync_CountsEachRequestInTheMonthItWasReceived_InTheOrganisationsDays()
    {
        await using var database = await TestDatabase.CreateAsync();
        // 23:30 on 31 March in Amsterdam is still March there, though April has begun nowhere and it is 21:30 UTC.
        var lateEvening = File("2026-03-31T21:30:00Z");
        Complete(lateEvening, "2026-04-03T09:00:00Z");
        var earlyApril = File("2026-03-31T22:30:00Z"); // 00:30 on 1 April in Amsterdam
        var lastYear = File("2025-12-31T22:30:00Z"); // 23:30 on 31 December: last year
        await SaveAsync(database, lateEvening, earlyApril, lastYear);

        var report = await Report(database).ComputeAsync(new ReportFilter(ReportPeriod.Year(2026)));

        Assert.Equal(2, report.Total.Received);
        Assert.Equal(12, report.Months.Count);
        var march = report.Months.Single(m => m.Month == new DateOnly(2026, 3, 1)).Figures;
        Assert.Equal(1, march.Received);
        Assert.Equal(1, march.CompletedInWhole); // completed in April, counted with March's receipts
        Assert.Equal(3, march.MedianDaysToRespond);
        var april = report.Months.Single(m => m.Month == new DateOnly(2026, 4, 1)).Figures;
        Assert.Equal(1, april.Received);
        Assert.Equal(0, april.CompletedInWhole);
        Assert.Equal(1, april.StillOpen);
        Assert.Null(april.MedianDaysToRespond);
        Assert.Null(april.ShareOnTime);
    }

    [Fact]
    public async Task ComputeAsync_CountsOutcomesLatenessAndDaysToRespond()
    {
        await using var database = await TestDatabase.CreateAsync();
        var onTime = File("2026-01-05T09:00:00Z");
        Complete(onTime, "2026-01-15T09:00:00Z"); // 10 days
        var late = File("2026-01-05T09:00:00Z"); // due 5 Feb
        Complete(late, "2026-02-10T09:00:00Z"); // 36 days, 5 days late
        var quick = File("2026-01-06T09:00:00Z");
        Complete(quick, "2026-01-08T09:00:00Z"); // 2 days
        var extended = File("2026-01-07T09:00:00Z");
        extended.ExtendDueDate(2, Officer, "Archives on tape", At("2026-01-20T09:00:00Z"));
        var paused = File("2026-01-08T09:00:00Z");
        paused.AskSubject(SubjectQuestion.Identity, "Which account?", Officer, At("2026-01-09T09:00:00Z"));
        var cancelled = File("2026-01-09T09:00:00Z");
        cancelled.Cancel(Officer, At("2026-01-09T10:00:00Z"), "Filed twice");
        var denied = new[] { "Manifestly unfounded", "Manifestly unfounded", "Identity not confirmed" }.Select(reason =>
        {
            var r = File("2026-01-10T09:00:00Z");
            r.Deny(Officer, reason, At("2026-01-11T09:00:00Z"));
            return r;
        });
        var unverified = File("2026-01-12T09:00:00Z", RequestChannel.SelfService);
        await SaveAsync(database, [onTime, late, quick, extended, paused, cancelled, .. denied, unverified]);

        var figures = (await Report(database).ComputeAsync(new ReportFilter(ReportPeriod.Quarter(2026, 1)))).Total;

        Assert.Equal(9, figures.Received); // the unverified request has not been received yet
        Assert.Equal(3, figures.CompletedInWhole);
        Assert.Equal(1, figures.CompletedLate);
        Assert.Equal(3, figures.Denied);
        Assert.Equal([new DenialCount("Manifestly unfounded", 2), new DenialCount("Identity not confirmed", 1)], figures.DeniedByReason);
        Assert.Equal(1, figures.Cancelled);
        Assert.Equal(1, figures.Extended);
        Assert.Equal(1, figures.Paused);
        Assert.Equal(2, figures.StillOpen);
        Assert.Equal(10, figures.MedianDaysToRespond);
        Assert.Equal(16, figures.MeanDaysToRespond);
        Assert.Equal(2 / 3.0, figures.ShareOnTime!.Value, 6);
    }

    [Fact]
    public async Task ComputeAsync_WithRegimeAndChannel_CountsOnlyThoseRequests()
    {
        await using var database = await TestDatabase.CreateAsync();
        var gdprStaff = File("2026-05-04T09:00:00Z");
        var ccpaStaff = File("2026-05-04T09:00:00Z", regime: Regime.Ccpa);
        var ccpaApi = File("2026-05-04T09:00:00Z", RequestChannel.Api, Regime.Ccpa);
        await SaveAsync(database, gdprStaff, ccpaStaff, ccpaApi);
        var report = Report(database);

        var ccpa = await report.ComputeAsync(new ReportFilter(ReportPeriod.Month(2026, 5), Regime.Ccpa));
        var ccpaByApi = await report.ComputeAsync(new ReportFilter(ReportPeriod.Month(2026, 5), Regime.Ccpa, RequestChannel.Api));
        var june = await report.ComputeAsync(new ReportFilter(ReportPeriod.Month(2026, 6)));

        Assert.Equal(2, ccpa.Total.Received);
        Assert.Equal(1, ccpaByApi.Total.Received);
        Assert.Equal(0, june.Total.Received);
        Assert.Equal("May 2026", ccpa.Filter.Period.Label);
    }

    [Fact]
    public async Task WriteCsvAsync_HasARowPerMonthTheTotalAndTheDenialsDefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var denied = File("2026-02-02T09:00:00Z");
        denied.Deny(Officer, "=HYPERLINK(\"http://evil.example\")", At("2026-02-03T09:00:00Z"));
        await SaveAsync(database, denied);
        var report = await Report(database).ComputeAsync(new ReportFilter(ReportPeriod.Quarter(2026, 1), Regime.Gdpr));

        using var output = new MemoryStream();
        await ComplianceReport.WriteCsvAsync(report, output);
        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");

        Assert.StartsWith("\"period\",\"regime\",\"channel\",\"received\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("\"2026-02\",\"GDPR\",\"All\",\"1\",\"0\",\"1\"", lines[2], StringComparison.Ordinal);
        Assert.StartsWith("\"Q1 2026\",\"GDPR\",\"All\",\"1\"", lines[4], StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\",\"1\"", lines);
    }

    private static ComplianceClock At(string utc) => TestClock.At(utc, Zone).Clock;

    private static ComplianceReport Report(TestDatabase database) => new(database, At("2026-11-30T09:00:00Z"));

    private static DataRequest File(string utc, RequestChannel channel = RequestChannel.Staff, Regime regime = Regime.Gdpr) =>
        DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), channel, Officer, At(utc), regime: regime);

    private static void Complete(DataRequest request, string utc)
    {
        request.StartCollecting(At(utc), 1);
        request.Complete(new ResultFingerprint(10, new string('a', 64)), At(utc), TimeSpan.FromDays(30));
    }

    private static async Task SaveAsync(TestDatabase database, params DataRequest[] requests)
    {
        await using var db = database.CreateDbContext();
        db.DataRequests.AddRange(requests);
        await db.SaveChangesAsync();
    }
}
