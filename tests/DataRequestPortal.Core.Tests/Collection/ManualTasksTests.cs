using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Manual;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Collection;

public class ManualTasksTests
{
    private const string Owner = "this-process";
    private static readonly Actor Olga = Actor.Staff("Olga Officer");

    [Fact]
    public async Task Collect_ManualSource_BecomesATaskForItsAssignee_AndTheRequestWaits()
    {
        var mail = new FakeSource("mail", "message");
        mail.Records["jane@example.com"] = new() { ["message"] = 2 };
        await using var harness = await CollectionHarness.CreateAsync([mail, Archive(), Ledger()]);
        var request = await harness.FileAsync("jane@example.com");

        Assert.Equal(CollectionOutcome.WaitingForTasks, await ClaimAndCollectAsync(harness, request.Id));

        var waiting = await harness.LoadAsync(request.Id);
        Assert.Equal(RequestState.Collecting, waiting.State);
        Assert.False(await harness.Store.ExistsAsync(request.Id));
        Assert.Equal([SourceRunState.Done, SourceRunState.AwaitingTask, SourceRunState.AwaitingTask], (await harness.RunsAsync(request.Id)).Select(r => r.State));
        var tasks = await harness.Tasks.ForAsync(request.Id);
        Assert.Equal(["archive:records@example.com:Open", "ledger:Officer:Open"], tasks.Select(t => $"{t.SourceKey}:{t.Assignee}:{t.State}"));
        Assert.Equal(2, waiting.Timeline.Count(t => t.Event == TimelineEvent.ManualTaskCreated));

        await using var db = harness.Database.CreateDbContext();
        var notice = Assert.Single(await db.ReportDeliveries.Where(d => d.DataRequestId == request.Id).ToListAsync());
        Assert.Equal((DeliveryKind.TaskNotice, "records@example.com", 1), (notice.Kind, notice.Target, notice.TargetNumber));

        // Held for its tasks: no collector takes it up meanwhile.
        Assert.DoesNotContain(request.Id, await harness.Leases.FindClaimableAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Collect_AfterEveryTaskIsDone_CompletesWithTheUploadAndTheAttestation()
    {
        await using var harness = await CollectionHarness.CreateAsync([Archive(), Ledger()]);
        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);

        var json = File("letters.json", """[{"date": "2024-03-01", "subject": "Complaint"}, {"type": "phone-note", "text": "Called back"}]""");
        var csv = File("ledger.csv", "date,amount,\"memo, note\"\r\n2024-01-02,12.50,\"Refund, \"\"partial\"\"\"\r\n");
        var scan = new UploadedFile("letter-2019.pdf", "application/pdf", new MemoryStream("%PDF-1.4 scan"u8.ToArray()));
        await harness.Tasks.UploadAsync(request.Id, 1, [json, csv, scan], null, Olga);
        Assert.Equal(RequestState.Collecting, (await harness.LoadAsync(request.Id)).State);
        await harness.Tasks.AttestAsync(request.Id, 2, "Searched both ledgers for 2019-2024", Olga);

        Assert.Equal(CollectionOutcome.Completed, await ClaimAndCollectAsync(harness, request.Id));

        var done = await harness.LoadAsync(request.Id);
        Assert.Equal(RequestState.Completed, done.State);
        await using var stream = (await harness.Store.OpenReadAsync(request.Id))!;
        using var document = await JsonDocument.ParseAsync(stream);
        var data = document.RootElement.GetProperty("data");
        Assert.Equal(["record", "phone-note", "record"], data[0].EnumerateArray().Select(r => r.GetProperty("type").GetString()));
        Assert.Equal("Refund, \"partial\"", data[0][2].GetProperty("memo, note").GetString());
        var file = Assert.Single(data[1].EnumerateArray());
        Assert.Equal("letter-2019.pdf", file.GetProperty("name").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData("%PDF-1.4 scan"u8.ToArray())), file.GetProperty("sha256").GetString());
        Assert.Equal(13, file.GetProperty("size").GetInt64());
        await using (var kept = await harness.Store.OpenManualUploadAsync(request.Id, 1, "1.pdf"))
        {
            Assert.NotNull(kept);
        }

        var sources = document.RootElement.GetProperty("meta").GetProperty("sources").EnumerateArray().Select(SourceSearch.Read).ToList();
        Assert.Equal("Searched by hand by Olga Officer: 4 records provided.", sources[0]!.Describe());
        Assert.Equal("Searched by hand by Olga Officer, who attested that nothing was found. Note: Searched both ledgers for 2019-2024", sources[1]!.Describe());

        // The audit log says who did which task, never what the note or the records say.
        await using var db = harness.Database.CreateDbContext();
        var audit = await db.AuditEntries.Where(a => a.DataRequestId == request.Id).ToListAsync();
        Assert.Contains(audit, a => a.Action == AuditAction.ManualTaskUploaded && a.ActorName == "Olga Officer");
        Assert.Contains(audit, a => a.Action == AuditAction.ManualTaskAttested && a.ActorName == "Olga Officer");
        Assert.DoesNotContain(audit, a => (a.Detail ?? "").Contains("ledgers", StringComparison.Ordinal) || (a.Detail ?? "").Contains("Complaint", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheLastTaskDone_LetsAWorkerCompleteTheRequest()
    {
        await using var harness = await CollectionHarness.CreateAsync([new FakeSource("mail", "message"), Archive()]);
        await harness.StartWorkerAsync(Owner);
        var request = await harness.FileAsync("jane@example.com");
        await Eventually.ReadAsync(() => harness.RunsAsync(request.Id), runs => runs.Any(r => r.State == SourceRunState.AwaitingTask), _ => "the task never became awaited");
        await harness.WaitForAsync(request.Id, r => r.LeaseOwner == ManualTask.WaitingLeaseOwner);

        await harness.Tasks.AttestAsync(request.Id, 1, "Nothing in the archive", Olga);

        var done = await harness.WaitForAsync(request.Id, r => r.State == RequestState.Completed);
        Assert.Contains(done.Timeline, t => t.Event == TimelineEvent.CollectionResumed && t.Reason!.StartsWith("Every manual task is done", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BadUploads => new()
    {
        { "records.json", "[{\"a\": 1},", "'records.json' is not valid JSON" },
        { "records.json", "{\"a\": 1}", "holds a JSON object; upload a JSON array" },
        { "records.json", "[1, 2]", "Item 1 of 'records.json' is a JSON number" },
        { "ledger.csv", "date,amount\n2024-01-02\n", "Row 2 of 'ledger.csv' has 1 values, but the first line names 2 columns" },
        { "ledger.csv", "date,,amount\n1,2,3\n", "Column 2 of 'ledger.csv' has no name" },
        { "ledger.csv", "date,memo\n2024,\"open\n", "ends inside a quoted value" },
        { "setup.exe", "MZ", "'setup.exe' is not a type the portal takes" },
    };

    [Theory]
    [MemberData(nameof(BadUploads))]
    public async Task Upload_BadFile_IsRefusedWithWhy_AndChangesNothing(string name, string content, string message)
    {
        await using var harness = await CollectionHarness.CreateAsync([Archive()]);
        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);
        var before = (await harness.LoadAsync(request.Id)).Timeline.Count;

        var refused = await Assert.ThrowsAsync<ManualUploadException>(() =>
            harness.Tasks.UploadAsync(request.Id, 1, [File("fine.json", "[{\"a\": 1}]"), File(name, content)], null, Olga));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.True((await harness.Tasks.ForAsync(request.Id)).Single().IsOpen);
        Assert.Equal(before, (await harness.LoadAsync(request.Id)).Timeline.Count);
        Assert.False(Directory.Exists(Path.Combine(harness.ResultsPath, "manual")) && Directory.EnumerateFileSystemEntries(Path.Combine(harness.ResultsPath, "manual"), "*", SearchOption.AllDirectories).Any(f => System.IO.File.Exists(f)));
    }

    [Fact]
    public async Task Upload_LargerThanTheLimit_IsRefused_AndChangesNothing()
    {
        await using var harness = await CollectionHarness.CreateAsync([Archive()]);
        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);

        var refused = await Assert.ThrowsAsync<ManualUploadException>(() => harness.Tasks.UploadAsync(
            request.Id, 1, [new UploadedFile("scan.pdf", "application/pdf", new MemoryStream(new byte[ManualUploads.MaxBytes + 1]))], null, Olga));

        Assert.Contains("larger than 25 MB", refused.Message, StringComparison.Ordinal);
        Assert.True((await harness.Tasks.ForAsync(request.Id)).Single().IsOpen);
    }

    [Fact]
    public async Task Attest_WithoutANote_IsRefused_AndADoneTaskCannotBeDoneAgain()
    {
        await using var harness = await CollectionHarness.CreateAsync([Archive()]);
        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);

        await Assert.ThrowsAsync<ManualUploadException>(() => harness.Tasks.AttestAsync(request.Id, 1, "  ", Olga));
        await harness.Tasks.AttestAsync(request.Id, 1, "Nothing in the archive", Olga);
        var again = await Assert.ThrowsAsync<RequestRuleException>(() => harness.Tasks.UploadAsync(request.Id, 1, [File("a.json", "[]")], null, Actor.Staff("Piet")));

        Assert.Contains("already done by Olga Officer", again.Message, StringComparison.Ordinal);
        Assert.Equal(ManualTaskState.Attested, (await harness.Tasks.ForAsync(request.Id)).Single().State);
    }

    [Fact]
    public async Task DueSoon_ListsOpenTasksWithinTheWarningDays()
    {
        await using var harness = await CollectionHarness.CreateAsync([Archive()]);
        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);

        Assert.Empty(await harness.Tasks.DueSoonAsync(5));
        var soon = Assert.Single(await harness.Tasks.DueSoonAsync(40));
        Assert.Equal((request.Id, "Paper archive", "records@example.com"), (soon.RequestId, soon.SourceTitle, soon.Assignee));
    }

    private static ManualSource Archive() => new(new ManualSourceOptions
    {
        Key = "archive",
        Title = "Paper archive",
        Instructions = "Search the cabinets by name.",
        Assignee = "Records@Example.com",
        Category = new SourceCategoryOptions { Name = "record", Description = "Letters" },
    });

    private static ManualSource Ledger() => new(new ManualSourceOptions
    {
        Key = "ledger",
        Title = "Ledgers",
        Instructions = "Search the ledgers.",
        Assignee = "officer",
    });

    private static UploadedFile File(string name, string content) => new(name, "application/octet-stream", new MemoryStream(Encoding.UTF8.GetBytes(content)));

    private static async Task<CollectionOutcome> ClaimAndCollectAsync(CollectionHarness harness, long id)
    {
        Assert.True(await harness.Leases.TryClaimAsync(id, Owner, TimeSpan.FromSeconds(harness.Options.LeaseSeconds), CancellationToken.None));
        return await harness.Collector().CollectAsync(id, Owner, CancellationToken.None);
    }
}
