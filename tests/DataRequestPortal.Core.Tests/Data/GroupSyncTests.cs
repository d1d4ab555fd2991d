using DataRequestPortal.Core.Data;

namespace DataRequestPortal.Core.Tests.Data;

public class GroupSyncTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SyncAsync_AskedWhileASyncRuns_IsAnsweredByTheNextSyncNotTheRunningOne()
    {
        var syncs = new Syncs();
        var group = new GroupSync(syncs.Run);
        var first = group.SyncAsync();
        await syncs.Started(1).WaitAsync(Patience);

        var askedMeanwhile = Enumerable.Range(0, 10).Select(_ => group.SyncAsync()).ToArray();
        syncs.Finish(1);
        await first.WaitAsync(Patience);

        await syncs.Started(2).WaitAsync(Patience);
        Assert.All(askedMeanwhile, asked => Assert.False(asked.IsCompleted));
        syncs.Finish(2);
        await Task.WhenAll(askedMeanwhile).WaitAsync(Patience);

        Assert.Equal(2, syncs.Count);
    }

    [Fact]
    public async Task SyncAsync_AfterAFailedSync_ReportsTheFailureToItsRoundOnly()
    {
        var failing = true;
        var group = new GroupSync(() =>
        {
            if (failing)
            {
                throw new IOException("The disk is gone.");
            }
        });

        await Assert.ThrowsAsync<IOException>(() => group.SyncAsync().WaitAsync(Patience));
        failing = false;

        await group.SyncAsync().WaitAsync(Patience);
    }

    /// <summary>Syncs the test starts and finishes one at a time.</summary>
    private sealed class Syncs
    {
        private readonly TaskCompletionSource[] started = [.. Enumerable.Range(0, 4).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously))];
        private readonly ManualResetEventSlim[] finish = [.. Enumerable.Range(0, 4).Select(_ => new ManualResetEventSlim())];
        private int count;

        public int Count => Volatile.Read(ref count);

        public Task Started(int number) => started[number - 1].Task;

        public void Finish(int number) => finish[number - 1].Set();

        public void Run()
        {
            var number = Interlocked.Increment(ref count);
            started[number - 1].SetResult();
            if (!finish[number - 1].Wait(Patience))
            {
                throw new TimeoutException($"Sync {number} was never let finish.");
            }
        }
    }
}
