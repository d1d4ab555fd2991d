using DataRequestPortal.Core.Collection;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>
/// Keeps a page current while it is open: follows the request status notifier and reads the page's data again at most
/// once per interval however many changes arrive (progress comes often while collecting). Disposed with the page,
/// which stops the watching, any pending reload and the page's own database calls made with <see cref="Stopping"/>.
/// </summary>
public sealed class LiveRefresh : IDisposable
{
    private readonly CancellationTokenSource watching = new();
    private readonly Lock gate = new();
    private readonly TimeSpan interval;
    private readonly Func<Task> reload;
    private Timer? timer;
    private bool disposed;

    /// <param name="interval">How long changes are gathered before one reload.</param>
    /// <param name="reload">Reads the page's data again and renders it (through the component's InvokeAsync).</param>
    public LiveRefresh(TimeSpan interval, Func<Task> reload)
    {
        this.interval = interval;
        this.reload = reload;
        Stopping = watching.Token;
    }

    /// <summary>Cancelled when the page closes; pass it to the page's reads.</summary>
    public CancellationToken Stopping { get; }

    /// <summary>Reloads (coalesced) for every change <paramref name="matters"/> accepts, until disposed.</summary>
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
    }

    /// <summary>Asks for a reload after the interval; asks made before it runs are one reload.</summary>
    public void RequestReload()
    {
        lock (gate)
        {
            if (!disposed)
            {
                timer ??= new Timer(_ => _ = ReloadAsync(), null, interval, Timeout.InfiniteTimeSpan);
            }
        }
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

    private async Task ReloadAsync()
    {
        lock (gate)
        {
            timer?.Dispose();
            timer = null;
            if (disposed)
            {
                return;
            }
        }

        try
        {
            await reload();
        }
        catch (OperationCanceledException)
        {
            // The page closed while reading.
        }
    }
}
