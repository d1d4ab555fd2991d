using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Dashboard;

public class StaffDigestTests
{
    private static readonly Actor Officer = Actor.Staff("olga@example.com");

    [Fact]
    public async Task ComposeAsync_ListsOverdueFailedLongWaitingAndDueSoon_EachOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var overdue = File("2026-10-01T09:00:00Z"); // due 2 Nov
        var failedAndOverdue = File("2026-10-02T09:00:00Z");
        failedAndOverdue.StartCollecting(At("2026-10-02T09:00:00Z"), 1);
        failedAndOverdue.Fail("CRM", "refused", At("2026-10-02T09:00:00Z"));
        var failed = File("2026-11-20T09:00:00Z");
        failed.StartCollecting(At("2026-11-20T09:00:00Z"), 1);
        failed.Fail("CRM", "refused", At("2026-11-20T09:00:00Z"));
        var longWait = File("2026-11-10T09:00:00Z");
        longWait.AskSubject(SubjectQuestion.Identity, "Which account?", Officer, At("2026-11-20T09:00:00Z")); // 10 days by 30 Nov
        var shortWait = File("2026-11-10T09:00:00Z");
        shortWait.AskSubject(SubjectQuestion.Clarification, "Which years?", Officer, At("2026-11-25T09:00:00Z"));
        var dueSoon = File("2026-11-04T09:00:00Z"); // due 4 Dec
        var dueLater = File("2026-11-29T09:00:00Z"); // due 29 Dec
        var completed = File("2026-10-01T09:00:00Z");
        completed.StartCollecting(At("2026-10-05T09:00:00Z"), 1);
        completed.Complete(new ResultFingerprint(10, new string('a', 64)), At("2026-10-05T09:00:00Z"), TimeSpan.FromDays(90));
        await using (var db = database.CreateDbContext())
        {
            db.DataRequests.AddRange(overdue, failedAndOverdue, failed, longWait, shortWait, dueSoon, dueLater, completed);
            await db.SaveChangesAsync();
        }

        var content = await new StaffDigest(database, At("2026-11-30T08:00:00Z")).ComposeAsync(dueSoonDays: 7);

        Assert.Equal([overdue.Id, failedAndOverdue.Id], content.Overdue.Select(i => i.Id));
        Assert.Equal([failed.Id], content.Failed.Select(i => i.Id));
        Assert.Equal([longWait.Id], content.AwaitingSubject.Select(i => i.Id));
        Assert.Equal([dueSoon.Id], content.DueSoon.Select(i => i.Id));
        var text = StaffDigest.Text(content, new Uri("https://privacy.example.com/"));
        Assert.Contains($"https://privacy.example.com/requests/{dueSoon.Id}", text);
        Assert.Contains("due 4 Dec 2026, in 4 days", text);
        Assert.DoesNotContain("jane@example.com", text);
    }

    [Fact]
    public async Task ComposeAsync_WithNothingToReport_IsEmpty()
    {
        await using var database = await TestDatabase.CreateAsync();
        var later = File("2026-11-29T09:00:00Z");
        await using (var db = database.CreateDbContext())
        {
            db.DataRequests.Add(later);
            await db.SaveChangesAsync();
        }

        var content = await new StaffDigest(database, At("2026-11-30T08:00:00Z")).ComposeAsync(dueSoonDays: 7);

        Assert.True(content.IsEmpty);
    }

    private static ComplianceClock At(string utc) => TestClock.At(utc).Clock;

    private static DataRequest File(string utc) =>
        DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Officer, At(utc));
}
