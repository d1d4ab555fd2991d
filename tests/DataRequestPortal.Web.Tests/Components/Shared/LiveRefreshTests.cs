using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Web.Tests.Components.Shared;

/// <summary>
/// Open pages show a change at once, follow a burst of progress without reading the database once per tick, and
/// stop when closed. The interval runs on a fake clock, so nothing here waits for time to pass.
/// </summary>
public class LiveRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(400);

    private readonly FakeTimeProvider time = new();
    private int reloads;

    [Fact]
    public async Task Follow_AChangeAfterAQuietSpell_ReloadsAtOnce()
    {
        var notifier = new RequestStatusNotifier();
        using var live = Counting();
        live.Follow(notifier, change => change.RequestId == 1);
        await WatchingAsync(notifier);
        await UntilAsync(() => Reloads == 1);
        time.Advance(Interval * 2);

        notifier.Publish(Change(1));

        // The clock does not move: the page does not wait out the interval for the first change.
        await UntilAsync(() => Reloads == 2);
    }

    [Fact]
    public async Task Follow_AChangeMadeBeforeWatchingStarted_IsReadOnceItStarts()
    {
        var notifier = new RequestStatusNotifier();
        using var live = Counting();

        // The page read the request, then the collector's last change went out before the page followed: nothing more comes.
        notifier.Publish(Change(1));
        live.Follow(notifier, change => change.RequestId == 1);
        await WatchingAsync(notifier);

        await UntilAsync(() => Reloads == 1);
    }

    [Fact]
    public void RequestReload_ABurstOfChanges_ReloadsOnceAtOnceAndOnceMoreWhenTheIntervalEnds()
    {
        using var live = Counting();

        for (var i = 0; i < 50; i++)
        {
            live.RequestReload();
        }

        Assert.Equal(1, Reloads);
        time.Advance(Interval - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Reloads);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Reloads);
        time.Advance(Interval * 10);
        Assert.Equal(2, Reloads);
    }

    [Fact]
    public void RequestReload_ProgressAllTheTime_ReloadsAtMostOncePerIntervalAndAfterTheLastChange()
    {
        var reloadedAt = new List<DateTimeOffset>();
        using var live = new LiveRefresh(Interval, () => { reloadedAt.Add(time.GetUtcNow()); return Task.CompletedTask; }, time);
        var lastChange = time.GetUtcNow();

        // Ten changes a second for four seconds.
        for (var i = 0; i < 40; i++)
        {
            lastChange = time.GetUtcNow();
            live.RequestReload();
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        time.Advance(Interval * 3);

        Assert.InRange(reloadedAt.Count, 10, 11);
        Assert.All(reloadedAt.Zip(reloadedAt.Skip(1)), pair => Assert.True(pair.Second - pair.First >= Interval));
        Assert.True(reloadedAt[^1] >= lastChange);
    }

    [Fact]
    public void RequestReload_WhileAReloadRuns_ReadsAgainAfterIt()
    {
        var reading = new TaskCompletionSource();
        using var live = new LiveRefresh(Interval, () => { Interlocked.Increment(ref reloads); return reading.Task; }, time);
        live.RequestReload();

        live.RequestReload();
        time.Advance(Interval * 2);
        Assert.Equal(1, Reloads);

        reading.SetResult();
        Assert.Equal(2, Reloads);
    }

    [Fact]
    public async Task Follow_ChangesThePageDoesNotShow_ReloadNothing()
    {
        var notifier = new RequestStatusNotifier();
        var seen = new List<long>();
        using var live = Counting();
        live.Follow(notifier, change =>
        {
            lock (seen)
            {
                seen.Add(change.RequestId);
            }

            return change.RequestId == 1;
        });
        await WatchingAsync(notifier);

        notifier.Publish(Change(2));
        notifier.Publish(Change(3));
        await UntilAsync(() => { lock (seen) { return seen.Count == 2; } });
        time.Advance(Interval * 3);

        // Only the read that follows the start of watching.
        Assert.Equal(1, Reloads);
    }

    [Fact]
    public async Task Dispose_BeforeThePendingReload_StopsWatchingAndReloadsNothingMore()
    {
        var notifier = new RequestStatusNotifier();
        var live = Counting();
        live.Follow(notifier, _ => true);
        await WatchingAsync(notifier);
        live.RequestReload();
        live.RequestReload();

        live.Dispose();

        time.Advance(Interval * 3);
        Assert.Equal(1, Reloads);
        Assert.True(live.Stopping.IsCancellationRequested);
        await UntilAsync(() => notifier.WatcherCount == 0);
    }

    private int Reloads => Volatile.Read(ref reloads);

    private LiveRefresh Counting() => new(Interval, () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; }, time);

    private static RequestStatusChange Change(long id) =>
        new(id, Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.SelfService, RequestState.Collecting, CollectionProgress.Start(3), DateTimeOffset.UtcNow);

    private static Task WatchingAsync(RequestStatusNotifier notifier) => UntilAsync(() => notifier.WatcherCount == 1);

    private static Task UntilAsync(Func<bool> condition) => Eventually.UntilAsync(condition, "the condition");
}
