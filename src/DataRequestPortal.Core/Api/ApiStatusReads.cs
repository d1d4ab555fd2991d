using System.Collections.Concurrent;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Api;

/// <summary>
/// The status calls of API clients, answered from what was read for the same request within the last second: clients
/// poll a request's status over and over, and the database read was most of what a call cost. A change published
/// through <see cref="RequestStatusNotifier"/> (in this process, or in another one through the Redis relay) drops the
/// request's answer at once, and a read that overlapped a change is not kept; a change nobody published shows within
/// <see cref="MaxAge"/>. An answer is kept for the token that read it and handed to that token only.
/// </summary>
public sealed class ApiStatusReads : IDisposable
{
    /// <summary>How long an answer is handed out again without reading the database.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<long, Entry> entries = new();
    private readonly ApiClientRequests requests;
    private readonly RequestStatusNotifier notifier;
    private readonly TimeProvider time;
    private long changes;

    public ApiStatusReads(ApiClientRequests requests, RequestStatusNotifier notifier, TimeProvider time)
    {
        this.requests = requests;
        this.notifier = notifier;
        this.time = time;
        notifier.RequestChanged += Forget;
    }

    /// <summary>The status of the request if this client filed it; null for anyone else's and for ids that do not exist.</summary>
    public async ValueTask<ApiRequestStatus?> FindAsync(ApiClient client, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetTimestamp();
        if (entries.TryGetValue(id, out var kept) && kept.TokenId == client.TokenId && time.GetElapsedTime(kept.ReadAt, now) < MaxAge)
        {
            return kept.Status;
        }

        var changesBefore = Volatile.Read(ref changes);
        var status = await requests.FindStatusAsync(client, id, cancellationToken);
        if (status is null)
        {
            return null;
        }

        // A change announced while the database was read may be newer than what was read: answer with it, keep nothing.
        if (Volatile.Read(ref changes) == changesBefore)
        {
            if (entries.Count >= MaxEntries)
            {
                DropOlderThanMaxAge(now);
            }

            entries[id] = new Entry(status, client.TokenId, now);
        }

        return status;
    }

    public void Dispose() => notifier.RequestChanged -= Forget;

    private void Forget(long requestId)
    {
        Interlocked.Increment(ref changes);
        entries.TryRemove(requestId, out _);
    }

    private void DropOlderThanMaxAge(long now)
    {
        foreach (var (id, entry) in entries)
        {
            if (time.GetElapsedTime(entry.ReadAt, now) >= MaxAge)
            {
                entries.TryRemove(new KeyValuePair<long, Entry>(id, entry));
            }
        }

        // Every entry is fresh (more requests polled within a second than are kept): start again rather than grow.
        if (entries.Count >= MaxEntries)
        {
            entries.Clear();
        }
    }

    private sealed record Entry(ApiRequestStatus Status, int TokenId, long ReadAt);
}
