using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Collection;

public class CollectionWorkerTests
{
    [Fact]
    public async Task TwoWorkersOnOneDatabase_CollectEachRequestExactlyOnce()
    {
        var mail = new FakeSource("mail", "message");
        await using var harness = await CollectionHarness.CreateAsync([mail], o => o.MaxConcurrency = 3);
        var requests = new List<DataRequest>();
        for (var i = 0; i < 24; i++)
        {
            mail.Records[$"subject{i}@example.com"] = new() { ["message"] = i };
            requests.Add(await harness.FileAsync($"subject{i}@example.com"));
        }

        await harness.StartWorkerAsync("process-a");
        await harness.StartWorkerAsync("process-b");

        foreach (var request in requests)
        {
            var done = await harness.WaitForAsync(request.Id, r => r.State == RequestState.Completed);
            Assert.Single(done.Timeline, t => t.ToState == RequestState.Collecting && t.FromState == RequestState.Queued);
            Assert.Single(done.Timeline, t => t.ToState == RequestState.Completed);
        }

        Assert.Equal(24, mail.Collections.Count);
        Assert.All(mail.Collections.Values, count => Assert.Equal(1, count));
    }

    [Fact]
    public async Task RequestOfADeadProcess_IsTakenUpAfterItsLeaseAndCompletedOnce()
    {
        var mail = new FakeSource("mail", "message");
        mail.Records["jane@example.com"] = new() { ["message"] = 5 };
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        var request = await harness.FileAsync("jane@example.com");
        await harness.AbandonAsync(request.Id, "crashed-process");

        await harness.StartWorkerAsync("restarted-process");

        var done = await harness.WaitForAsync(request.Id, r => r.State == RequestState.Completed);
        Assert.Contains(done.Timeline, t => t.Event == TimelineEvent.CollectionResumed);
        Assert.Single(done.Timeline, t => t.ToState == RequestState.Completed);
        Assert.Equal(5, done.Progress.Records);
        Assert.True(await harness.Store.ExistsAsync(request.Id));
    }

    [Fact]
    public async Task RequestHeldByALiveProcess_IsNotTaken()
    {
        var mail = new FakeSource("mail", "message");
        await using var harness = await CollectionHarness.CreateAsync([mail]);
        var held = await harness.FileAsync("held@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(held.Id, "busy-process", TimeSpan.FromMinutes(5), CancellationToken.None));
        var free = await harness.FileAsync("free@example.com");

        await harness.StartWorkerAsync("this-process");

        await harness.WaitForAsync(free.Id, r => r.State == RequestState.Completed);
        Assert.Equal(RequestState.Queued, (await harness.LoadAsync(held.Id)).State);
        Assert.False(mail.Collections.ContainsKey("held@example.com"));
    }

    [Fact]
    public async Task CancellingInThisProcess_StopsTheCollectionAtOnce()
    {
        var slow = new FakeSource("slow", "record") { Gate = new TaskCompletionSource() };
        await using var harness = await CollectionHarness.CreateAsync([slow], o => { o.ProgressMilliseconds = 3_600_000; o.LeaseSeconds = 7200; });
        var request = await harness.FileAsync("jane@example.com");
        var worker = await harness.StartWorkerAsync("this-process");
        await slow.Waiting.Task.WaitAsync(Eventually.Timeout);

        await using (var db = harness.Database.CreateDbContext())
        {
            var stored = await db.DataRequests.FindAsync(request.Id);
            await db.Entry(stored!).Collection(r => r.Timeline).LoadAsync();
            stored!.Cancel(Actor.Staff("officer@example.com"), harness.Clock, "Filed by mistake");
            await db.SaveChangesAsync();
            harness.Notifier.Publish(Core.Requests.RequestStatusChange.Of(stored, harness.Clock.Now));
        }

        // The heartbeat is an hour away here, so only the in-process signal can stop it within the wait.
        await Eventually.UntilAsync(() => worker.Running.Count == 0, "the collection stopped");
        Assert.False(await harness.Store.ExistsAsync(request.Id));
    }

    [Fact]
    public async Task Shutdown_ReleasesTheClaimSoAnotherProcessContinuesAtOnce()
    {
        var slow = new FakeSource("slow", "record") { Gate = new TaskCompletionSource() };
        slow.Records["jane@example.com"] = new() { ["record"] = 3 };
        await using var harness = await CollectionHarness.CreateAsync([slow], o => o.LeaseSeconds = 600);
        var request = await harness.FileAsync("jane@example.com");
        var first = await harness.StartWorkerAsync("stopping-process");
        await slow.Waiting.Task.WaitAsync(Eventually.Timeout);

        await CollectionHarness.StopAsync(first);
        Assert.Null((await harness.LoadAsync(request.Id)).LeaseOwner);
        slow.Gate.SetResult();
        await harness.StartWorkerAsync("next-process");

        var done = await harness.WaitForAsync(request.Id, r => r.State == RequestState.Completed);
        Assert.Equal(3, done.Progress.Records);
    }
}
