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
/// Tells whoever watches — pages, the SignalR hub — that a request changed, within this process. Each watcher
/// has its own bounded queue: a slow one loses its oldest updates, never slows the collector.
/// </summary>
public sealed class RequestStatusNotifier
{
    private const int QueueLength = 1000;

    private readonly Lock gate = new();
    private readonly List<Channel<RequestStatusChange>> watchers = [];

    /// <summary>Signalled whenever a request may have become ready for collection (for example, a new one was filed).</summary>
    public event Action? WorkAvailable;

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
    public void AnnounceWork() => WorkAvailable?.Invoke();

    public void Publish(RequestStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (gate)
        {
            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(change);
            }
        }

        if (change.State == RequestState.Queued)
        {
            WorkAvailable?.Invoke();
        }
    }

    /// <summary>Every change published from now until <paramref name="cancellationToken"/> ends the watch.</summary>
    public async IAsyncEnumerable<RequestStatusChange> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<RequestStatusChange>(new BoundedChannelOptions(QueueLength)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (gate)
        {
            watchers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var change))
                {
                    yield return change;
                }
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }
}
