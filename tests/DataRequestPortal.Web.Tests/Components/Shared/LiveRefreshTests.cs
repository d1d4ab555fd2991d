using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Shared;

namespace DataRequestPortal.Web.Tests.Components.Shared;

/// <summary>Open pages follow changes without reading the database once per progress tick, and stop when closed.</summary>
public class LiveRefreshTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    [Fact]
    public async Task Follow_ManyChangesAtOnce_ReloadThePageOnce()
    {
        var notifier = new RequestStatusNotifier();
        var reloads = 0;
        using var live = new LiveRefresh(Interval, () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; });
        live.Follow(notifier, change => change.RequestId == 1);
        await WatchingAsync(notifier);

        for (var i = 0; i < 50; i++)
        {
            notifier.Publish(Change(1));
        }

        await UntilAsync(() => Volatile.Read(ref reloads) > 0);
        await Task.Delay(Interval * 3);
        Assert.Equal(1, Volatile.Read(ref reloads));
    }

    [Fact]
    public async Task Follow_ChangesThePageDoesNotShow_ReloadNothing()
    {
        var notifier = new RequestStatusNotifier();
        var reloads = 0;
        using var live = new LiveRefresh(Interval, () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; });
        live.Follow(notifier, change => change.RequestId == 1);
        await WatchingAsync(notifier);

        notifier.Publish(Change(2));

        await Task.Delay(Interval * 3);
        Assert.Equal(0, Volatile.Read(ref reloads));
    }

    [Fact]
    public async Task Dispose_BeforeThePendingReload_StopsWatchingAndReloadsNothing()
    {
        var notifier = new RequestStatusNotifier();
        var reloads = 0;
        var live = new LiveRefresh(Interval, () => { Interlocked.Increment(ref reloads); return Task.CompletedTask; });
        live.Follow(notifier, _ => true);
        await WatchingAsync(notifier);
        notifier.Publish(Change(1));

        live.Dispose();

        await Task.Delay(Interval * 3);
        Assert.Equal(0, Volatile.Read(ref reloads));
        Assert.True(live.Stopping.IsCancellationRequested);
        await UntilAsync(() => notifier.WatcherCount == 0);
    }

    private static RequestStatusChange Change(long id) =>
        new(id, Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.SelfService, RequestState.Collecting, CollectionProgress.Start(3), DateTimeOffset.UtcNow);

    private static Task WatchingAsync(RequestStatusNotifier notifier) => UntilAsync(() => notifier.WatcherCount == 1);

    private static Task UntilAsync(Func<bool> condition) => Eventually.UntilAsync(condition, "the condition");
}
