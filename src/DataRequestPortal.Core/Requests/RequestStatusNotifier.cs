using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace DataRequestPortal.Core.Requests;

/// <summary>A request's state and progress at one moment, as watchers see it; <see cref="ShownToSubject"/> says whether a subject's pages may show it.</summary>
public sealed record RequestStatusChange(long RequestId, Subject Subject, RequestChannel Channel, RequestState State, CollectionProgress Progress, DateTimeOffset At)
{
    /// <summary>The request is one the subject's self-service pages show (<see cref="DataRequest.ShownToSubject"/>); false unless said.</summary>
    public bool ShownToSubject { get; init; }

    public static RequestStatusChange Of(DataRequest request, DateTimeOffset at) =>
        new(request.Id, request.Subject, request.Channel, request.State, request.Progress, at) { ShownToSubject = request.ShowsToSubject };
}

/// <summary>
/// Tells whoever watches — pages, the SignalR hub — that a request changed. Each watcher has its own bounded queue: a
/// slow one loses its oldest updates, never slows the collector. Changes made in this process are delivered here at
/// once and raised through <see cref="PublishedHere"/>, so a relay can pass them to other portal processes; a relay
/// hands what other processes made to <see cref="DeliverFromElsewhere"/>.
/// </summary>
public sealed class RequestStatusNotifier
{
    private const int QueueLength = 1000;

    private readonly Lock gate = new();
    private readonly List<Watcher> watchers = [];

    /// <summary>Signalled whenever a request may have become ready for collection (for example, a new one was filed), here or in another process.</summary>
    public event Action? WorkAvailable;

    /// <summary>Raised with the request's id for every change, made here or delivered from elsewhere, before any watcher reads it.</summary>
    public event Action<long>? RequestChanged;

    /// <summary>Raised for every change made in this process (not for those delivered from elsewhere), for a relay to pass on.</summary>
    public event Action<RequestStatusChange>? PublishedHere;

    /// <summary>Raised when this process announces work, for a relay to pass on.</summary>
    public event Action? WorkAnnouncedHere;

    public int WatcherCount
    {
        get
        {
            lock (gate)
            {
                return watchers.Count;
            }
        }
    }

    /// <summary>Says a request may be collected now without a change of state (its last manual task was done).</summary>
    public void AnnounceWork()
    {
        WorkAvailable?.Invoke();
        WorkAnnouncedHere?.Invoke();
    }

    public void Publish(RequestStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(change, madeHere: true);
        PublishedHere?.Invoke(change);
    }

    /// <summary>A change another portal process made, as a relay received it: delivered to this process's watchers only, never passed on again.</summary>
    public void DeliverFromElsewhere(RequestStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        Deliver(change, madeHere: false);
    }

    /// <summary>Work another portal process announced: wakes this process's collector, never passed on again.</summary>
    public void WorkAnnouncedElsewhere() => WorkAvailable?.Invoke();

    /// <summary>Every change published from now until <paramref name="cancellationToken"/> ends the watch, in this process and (through a relay) in others.</summary>
    public IAsyncEnumerable<RequestStatusChange> WatchAsync(CancellationToken cancellationToken) =>
        WatchAsync(hereOnly: false, cancellationToken);

    /// <summary>
    /// Only the changes made in this process, for a watcher whose own messages already reach other processes (the hub's
    /// clients, through SignalR's Redis backplane), so nobody hears of a change twice.
    /// </summary>
    public IAsyncEnumerable<RequestStatusChange> WatchHereAsync(CancellationToken cancellationToken) =>
        WatchAsync(hereOnly: true, cancellationToken);

    private void Deliver(RequestStatusChange change, bool madeHere)
    {
        RequestChanged?.Invoke(change.RequestId);
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                if (madeHere || !watcher.HereOnly)
                {
                    watcher.Queue.Writer.TryWrite(change);
                }
            }
        }

        if (change.State == RequestState.Queued)
        {
            WorkAvailable?.Invoke();
        }
    }

    private async IAsyncEnumerable<RequestStatusChange> WatchAsync(bool hereOnly, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watcher = new Watcher(
            Channel.CreateBounded<RequestStatusChange>(new BoundedChannelOptions(QueueLength)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
            }),
            hereOnly);
        lock (gate)
        {
            watchers.Add(watcher);
        }

        try
        {
            while (await watcher.Queue.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (watcher.Queue.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(watcher);
            }
        }
    }

    private sealed record Watcher(Channel<RequestStatusChange> Queue, bool HereOnly);
}
