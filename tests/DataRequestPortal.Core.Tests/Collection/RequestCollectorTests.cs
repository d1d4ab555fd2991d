using System.Security.Cryptography;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Collection;

public class RequestCollectorTests
{
    private const string Owner = "this-process";

    [Fact]
    public async Task Collect_SubjectWithRecords_WritesTheSeedsShapeWithItsFingerprint()
    {
        var mail = new FakeSource("mail", "message", "open");
        var crm = new FakeSource("crm", "order");
        mail.Records["jane@example.com"] = new() { ["message"] = 3, ["open"] = 2 };
        crm.Records["jane@example.com"] = new() { ["order"] = 1 };
        await using var harness = await CollectionHarness.CreateAsync([mail, crm]);
        var request = await harness.FileAsync("Jane@Example.com");

        var outcome = await ClaimAndCollectAsync(harness, request.Id);

        Assert.Equal(CollectionOutcome.Completed, outcome);
        var done = await harness.LoadAsync(request.Id);
        Assert.Equal(RequestState.Completed, done.State);
        var bytes = await ReadResultAsync(harness, request.Id);
        Assert.Equal(bytes.LongLength, done.Result!.Bytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), done.Result.Sha256);

        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal("email", root.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal("jane@example.com", root.GetProperty("info").GetProperty("id").GetString());
        var data = root.GetProperty("data");
        Assert.Equal([3, 2, 1], data.EnumerateArray().Select(a => a.GetArrayLength()));
        Assert.All(data[0].EnumerateArray(), r => Assert.Equal("message", r.GetProperty("type").GetString()));
        Assert.Equal("order", data[2][0].GetProperty("type").GetString());
        var categories = root.GetProperty("meta").GetProperty("categories").EnumerateArray()
            .Select(c => $"{c.GetProperty("source").GetString()}/{c.GetProperty("name").GetString()}={c.GetProperty("records").GetInt32()}");
        Assert.Equal(["mail/message=3", "mail/open=2", "crm/order=1"], categories);
        Assert.Equal(request.Id, root.GetProperty("meta").GetProperty("request").GetInt64());
        Assert.Equal(new CollectionProgress(2, 2, 6, done.Progress.Bytes), done.Progress);
        Assert.False(done.FoundNothing);
        Assert.False(Directory.Exists(Path.Combine(harness.ResultsPath, "work", request.Id.ToString())));
    }

    [Fact]
    public async Task Collect_ProfileSubject_NamesItByNumber()
    {
        var mail = new FakeSource("mail", "message");
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        var request = await harness.Filing.FileAsync(Subject.Create(SubjectType.Profile, "4711"), RequestChannel.Api, Actor.ApiClient("crm"));

        await ClaimAndCollectAsync(harness, request.Id);

        using var document = JsonDocument.Parse(await ReadResultAsync(harness, request.Id));
        Assert.Equal("profile", document.RootElement.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal(4711, document.RootElement.GetProperty("info").GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task Collect_UnknownSubject_CompletesWithEmptyCategoriesAsFoundNothing()
    {
        var mail = new FakeSource("mail", "message", "open");
        var crm = new FakeSource("crm", "order");
        await using var harness = await CollectionHarness.CreateAsync([mail, crm]);
        var request = await harness.FileAsync("nobody@example.com");

        Assert.Equal(CollectionOutcome.Completed, await ClaimAndCollectAsync(harness, request.Id));

        using var document = JsonDocument.Parse(await ReadResultAsync(harness, request.Id));
        Assert.Equal("[[],[],[]]", document.RootElement.GetProperty("data").GetRawText());
        Assert.True((await harness.LoadAsync(request.Id)).FoundNothing);
    }

    [Fact]
    public async Task Collect_SourceFailsTwiceMidway_RetriesAndKeepsNoDuplicates()
    {
        var mail = new FakeSource("mail", "message") { FailuresBeforeSuccess = 2, WriteHalfThenFail = true };
        mail.Records["jane@example.com"] = new() { ["message"] = 10 };
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        var request = await harness.FileAsync("jane@example.com");

        Assert.Equal(CollectionOutcome.Completed, await ClaimAndCollectAsync(harness, request.Id));

        using var document = JsonDocument.Parse(await ReadResultAsync(harness, request.Id));
        Assert.Equal(Enumerable.Range(0, 10), document.RootElement.GetProperty("data")[0].EnumerateArray().Select(r => r.GetProperty("n").GetInt32()));
        var run = Assert.Single(await harness.RunsAsync(request.Id));
        Assert.Equal((SourceRunState.Done, 3, 10L), (run.State, run.Attempts, run.Records));
    }

    [Fact]
    public async Task Collect_SourceKeepsFailing_FailsTheRequestNamingSourceAndError()
    {
        var mail = new FakeSource("mail", "message");
        var crm = new FakeSource("crm", "order") { FailuresBeforeSuccess = int.MaxValue };
        await using var harness = await CollectionHarness.CreateAsync([mail, crm]);
        var request = await harness.FileAsync("jane@example.com");

        Assert.Equal(CollectionOutcome.Failed, await ClaimAndCollectAsync(harness, request.Id));

        var failed = await harness.LoadAsync(request.Id);
        Assert.Equal(RequestState.Failed, failed.State);
        Assert.Equal("crm", failed.FailedSource);
        Assert.Equal("crm is unreachable (after 3 attempts)", failed.FailureMessage);
        Assert.Equal("Source 'crm' failed: crm is unreachable (after 3 attempts)", failed.Timeline[^1].Reason);
        Assert.Equal(3, crm.Collections["jane@example.com"]);
        Assert.Null(failed.LeaseOwner);
        Assert.False(await harness.Store.ExistsAsync(request.Id));
        var runs = await harness.RunsAsync(request.Id);
        Assert.Equal([SourceRunState.Done, SourceRunState.Failed], runs.Select(r => r.State));
        Assert.Equal("crm is unreachable (after 3 attempts)", runs[1].Error);
    }

    [Fact]
    public async Task Collect_SourceThatHangs_FailsAfterTheSourceTimeout()
    {
        var stuck = new FakeSource("stuck", "record") { Gate = new TaskCompletionSource() };
        await using var harness = await CollectionHarness.CreateAsync([stuck], o => { o.SourceTimeoutMinutes = 0.002; o.MaxAttempts = 2; });
        var request = await harness.FileAsync("jane@example.com");

        Assert.Equal(CollectionOutcome.Failed, await ClaimAndCollectAsync(harness, request.Id));

        var failed = await harness.LoadAsync(request.Id);
        Assert.Equal("did not finish within 0.1 seconds (after 2 attempts)", failed.FailureMessage);
    }

    [Fact]
    public async Task Collect_RequestCancelledMeanwhile_StopsPromptlyAndKeepsNothing()
    {
        var slow = new FakeSource("slow", "record") { Gate = new TaskCompletionSource() };
        await using var harness = await CollectionHarness.CreateAsync([slow]);
        var request = await harness.FileAsync("jane@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, Owner, TimeSpan.FromSeconds(5), CancellationToken.None));
        var collecting = harness.Collector().CollectAsync(request.Id, Owner, CancellationToken.None);
        await slow.Waiting.Task.WaitAsync(Eventually.Timeout);

        // Another process (or page) cancels it: only the database says so.
        await using (var db = harness.Database.CreateDbContext())
        {
            var stored = await db.DataRequests.FindAsync(request.Id);
            await db.Entry(stored!).Collection(r => r.Timeline).LoadAsync();
            stored!.Cancel(Actor.Staff("officer@example.com"), harness.Clock, "Subject withdrew");
            await db.SaveChangesAsync();
        }

        // The source never finishes: only noticing the cancellation ends the collection.
        var outcome = await collecting.WaitAsync(Eventually.Timeout);

        Assert.Equal(CollectionOutcome.Stopped, outcome);
        Assert.Equal(RequestState.Cancelled, (await harness.LoadAsync(request.Id)).State);
        Assert.False(await harness.Store.ExistsAsync(request.Id));
        Assert.False(Directory.Exists(Path.Combine(harness.ResultsPath, "work", request.Id.ToString())));
    }

    [Fact]
    public async Task Collect_RequestNotClaimedByThisProcess_IsLeftAlone()
    {
        var mail = new FakeSource("mail", "message");
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        var request = await harness.FileAsync("jane@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "other-process", TimeSpan.FromMinutes(1), CancellationToken.None));

        Assert.False(await harness.Leases.TryClaimAsync(request.Id, Owner, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Stopped, await harness.Collector().CollectAsync(request.Id, Owner, CancellationToken.None));
        Assert.Equal(RequestState.Queued, (await harness.LoadAsync(request.Id)).State);
        Assert.Empty(mail.Collections);
    }

    [Fact]
    public async Task Collect_PublishesEachStepToWatchers()
    {
        var mail = new FakeSource("mail", "message");
        mail.Records["jane@example.com"] = new() { ["message"] = 2 };
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        using var stop = new CancellationTokenSource();
        var seen = new List<RequestStatusChange>();
        var watching = Task.Run(async () =>
        {
            await foreach (var change in harness.Notifier.WatchAsync(stop.Token))
            {
                seen.Add(change);
                if (change.State == RequestState.Completed)
                {
                    return;
                }
            }
        });
        await Eventually.UntilAsync(() => harness.Notifier.WatcherCount > 0, "the watcher is listening");

        var request = await harness.FileAsync("jane@example.com");
        await ClaimAndCollectAsync(harness, request.Id);
        await watching.WaitAsync(Eventually.Timeout);

        Assert.Equal([RequestState.Queued, RequestState.Collecting, RequestState.Completed], seen.Select(c => c.State).Distinct());
        Assert.All(seen, c => Assert.Equal(request.Id, c.RequestId));
        Assert.Equal(2, seen[^1].Progress.Records);
    }

    [Fact]
    public async Task Collect_SourceStillStreaming_ShowsItsRecordsSoFar()
    {
        var slow = new StreamingSource("slow", "event", records: 30);
        await using var harness = await CollectionHarness.CreateAsync([slow]);
        using var stop = new CancellationTokenSource();
        var published = new TaskCompletionSource<RequestStatusChange>(TaskCreationOptions.RunContinuationsAsynchronously);
        var watching = Task.Run(async () =>
        {
            await foreach (var change in harness.Notifier.WatchAsync(stop.Token))
            {
                if (change.State == RequestState.Collecting && change.Progress.Records == 30)
                {
                    published.TrySetResult(change);
                    return;
                }
            }
        });
        await Eventually.UntilAsync(() => harness.Notifier.WatcherCount > 0, "the watcher is listening");
        var request = await harness.FileAsync("jane@example.com");
        var collecting = ClaimAndCollectAsync(harness, request.Id);
        await slow.Written.Task.WaitAsync(Eventually.Timeout);

        // Before the source finishes: the published status and its row on the request page both count what it wrote.
        var change = await published.Task.WaitAsync(Eventually.Timeout);
        Assert.True(change.Progress.Bytes > 0);
        var runs = await Eventually.ReadAsync(() => harness.RunsAsync(request.Id), r => r[0].Records == 30, r => $"The running source shows {r[0].Records} records");
        Assert.Equal(SourceRunState.Running, runs[0].State);
        Assert.True(runs[0].Bytes > 0);
        Assert.False(collecting.IsCompleted);

        slow.Finish.SetResult();
        Assert.Equal(CollectionOutcome.Completed, await collecting.WaitAsync(Eventually.Timeout));
        await stop.CancelAsync();
        await watching.WaitAsync(Eventually.Timeout);
        var done = await harness.RunsAsync(request.Id);
        Assert.Equal((SourceRunState.Done, 30L), (done[0].State, done[0].Records));
    }

    [Fact]
    public async Task Collect_HundredsOfThousandsOfRecords_WritesThemAll()
    {
        var events = new FakeSource("events", "open");
        events.Records["busy@example.com"] = new() { ["open"] = 250_000 };
        await using var harness = await CollectionHarness.CreateAsync([events]);
        var request = await harness.FileAsync("busy@example.com");

        Assert.Equal(CollectionOutcome.Completed, await ClaimAndCollectAsync(harness, request.Id));

        await using var stream = (await harness.Store.OpenReadAsync(request.Id))!;
        using var document = await JsonDocument.ParseAsync(stream);
        Assert.Equal(250_000, document.RootElement.GetProperty("data")[0].GetArrayLength());
        Assert.Equal(250_000, (await harness.LoadAsync(request.Id)).Progress.Records);
    }

    [Fact]
    public async Task Collect_WhereWeLooked_RecordsEverySourcesOutcomeInMeta()
    {
        var mail = new FakeSource("mail", "message");
        var crm = new FakeSource("crm", "order");
        var loyalty = new FakeSource("loyalty", "points") { Serves = [SubjectType.Profile] };
        var flaky = new FakeSource("flaky", "visit") { FailuresBeforeSuccess = 2 };
        mail.Records["jane@example.com"] = new() { ["message"] = 3 };
        flaky.Records["jane@example.com"] = new() { ["visit"] = 1 };
        await using var harness = await CollectionHarness.CreateAsync([mail, crm, loyalty, flaky]);
        var request = await harness.FileAsync("jane@example.com");

        Assert.Equal(CollectionOutcome.Completed, await ClaimAndCollectAsync(harness, request.Id));

        using var document = JsonDocument.Parse(await ReadResultAsync(harness, request.Id));
        var root = document.RootElement;
        Assert.Equal(["info", "data", "meta"], root.EnumerateObject().Select(p => p.Name));
        var sources = root.GetProperty("meta").GetProperty("sources").EnumerateArray()
            .Select(s => $"{s.GetProperty("source").GetString()}:{s.GetProperty("outcome").GetString()}:{s.GetProperty("records").GetInt64()}:{s.GetProperty("attempts").GetInt32()}");
        Assert.Equal(["mail:found:3:1", "crm:nothing-found:0:1", "loyalty:not-applicable:0:0", "flaky:found:1:3"], sources);
        var searches = root.GetProperty("meta").GetProperty("sources").EnumerateArray().Select(SourceSearch.Read).ToList();
        Assert.Equal("Searched: 1 record found. The search failed 2 times first and succeeded when retried.", searches[3]!.Describe());
        Assert.Equal("Not searched: this system holds no data about subjects identified this way.", searches[2]!.Describe());
    }

    private static async Task<CollectionOutcome> ClaimAndCollectAsync(CollectionHarness harness, long id)
    {
        Assert.True(await harness.Leases.TryClaimAsync(id, Owner, TimeSpan.FromSeconds(harness.Options.LeaseSeconds), CancellationToken.None));
        return await harness.Collector().CollectAsync(id, Owner, CancellationToken.None);
    }

    private static async Task<byte[]> ReadResultAsync(CollectionHarness harness, long id)
    {
        await using var stream = await harness.Store.OpenReadAsync(id) ?? throw new InvalidOperationException("No result.");
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
