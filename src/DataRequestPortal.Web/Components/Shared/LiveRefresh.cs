using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>
/// Keeps a page current while it is open: follows the request status notifier and reads the page's data again when a
/// change matters. The first change after a quiet spell is read at once; changes that arrive while a read runs or
/// within the interval after it starts are gathered into one more read when the interval ends, so a burst of progress
/// costs at most one read per interval, and the last change is always shown. Disposed with the page, which stops the
/// watching, any pending reload and the page's own database calls made with <see cref="Stopping"/>.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private readonly CancellationTokenSource watching = new();
    private readonly Lock gate = new();
    private readonly TimeSpan interval;
    private readonly Func<Task> reload;
    private readonly TimeProvider time;
    private ITimer? timer;
    private long lastStart;
    private bool started;
    private bool reloading;
    private bool pending;
    private bool disposed;

    /// <param name="interval">The least time from the start of one reload to the start of the next.</param>
    /// <param name="reload">Reads the page's data again and renders it (through the component's InvokeAsync).</param>
    /// <param name="time">The clock the interval is counted on; the system's by default.</param>
    public LiveRefresh(TimeSpan interval, Func<Task> reload, TimeProvider? time = null)
    {
        this.interval = interval;
        this.reload = reload;
        this.time = time ?? TimeProvider.System;
        Stopping = watching.Token;
    }

    /// <summary>Cancelled when the page closes; pass it to the page's reads.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Reloads for every change <paramref name="matters"/> accepts, until disposed.</summary>
    public void Follow(RequestStatusNotifier notifier, Func<RequestStatusChange, bool> matters) =>
        Follow(notifier, change =>
        {
            if (matters(change))
            {
                RequestReload();
            }

            return Task.CompletedTask;
        });

    /// <summary>Hands every change to <paramref name="onChange"/>, until disposed.</summary>
    public void Follow(RequestStatusNotifier notifier, Func<RequestStatusChange, Task> onChange)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        ArgumentNullException.ThrowIfNull(onChange);
        _ = FollowAsync(notifier, onChange);

        // Watching starts after the page's first read: a change made in between (say, the last one a request will have
        // for a while) would never show, so read once more now that nothing can slip through.
        RequestReload();
    }

    /// <summary>
    /// Asks for a reload: at once when none ran within the interval, otherwise when the interval ends (or the running
    /// one finishes); asks made meanwhile are that one reload.
    /// </summary>
    public void RequestReload()
    {
        lock (gate)
        {
            if (disposed || timer is not null)
            {
                return;
            }

            if (reloading)
            {
                // The running read may have missed this change: read once more after it.
                pending = true;
                return;
            }

            var wait = UntilNextStart();
            if (wait > TimeSpan.Zero)
            {
                timer = time.CreateTimer(_ => StartDue(), null, wait, Timeout.InfiniteTimeSpan);
                return;
            }

            Begin();
        }

        _ = ReloadAsync();
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            timer?.Dispose();
            timer = null;
        }

        watching.Cancel();
        watching.Dispose();
    }

    private async Task FollowAsync(RequestStatusNotifier notifier, Func<RequestStatusChange, Task> onChange)
    {
        try
        {
            await foreach (var change in notifier.WatchAsync(watching.Token))
            {
                await onChange(change);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private TimeSpan UntilNextStart() => started ? interval - time.GetElapsedTime(lastStart) : TimeSpan.Zero;

    // Called with the gate held.
    private void Begin()
    {
        reloading = true;
        started = true;
        lastStart = time.GetTimestamp();
    }

    private void StartDue()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (disposed)
            {
                return;
            }

            Begin();
        }

        _ = ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            await reload();
        }
        catch (OperationCanceledException)
        {
            // The page closed while reading.
        }
        finally
        {
            bool again;
            lock (gate)
            {
                reloading = false;
                again = pending && !disposed;
                pending = false;
            }

            if (again)
            {
                RequestReload();
            }
        }
    }
}
