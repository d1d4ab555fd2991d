using System.Collections.Concurrent;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// The background service that takes queued requests: it claims up to <c>Collection:MaxConcurrency</c> at a time
/// and collects each. It looks for work when a request is filed in this process, when a collection ends, and
/// every <c>Collection:PollSeconds</c> (work filed by another process, abandoned claims).
/// </summary>
public sealed partial class CollectionWorker(
    RequestLeases leases,
    RequestCollector collector,
    RequestStatusNotifier notifier,
    IOptions<CollectionOptions> collectionOptions,
    ILogger<CollectionWorker> logger,
    CollectionActivity? activity = null) : BackgroundService
{
    private readonly CollectionOptions options = collectionOptions.Value;
    private readonly ConcurrentDictionary<long, CancellationTokenSource> running = new();
    private readonly SemaphoreSlim wake = new(0);

    /// <summary>Identifies this process in the leases it holds.</summary>
    public string Owner { get; init; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Requests this process is collecting now.</summary>
    public IReadOnlyCollection<long> Running => [.. running.Keys];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        options.Validate();
        notifier.WorkAvailable += Wake;
        var watching = StopCancelledAsync(stoppingToken);
        var collections = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                collections.RemoveAll(t => t.IsCompleted);
                var free = options.MaxConcurrency - running.Count;
                if (free > 0)
                {
                    await ClaimAsync(free, collections, stoppingToken);
                }

                if (running.IsEmpty)
                {
                    activity?.Drained();
                }

                await WaitForWorkAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: running collections release their claims below.
        }
        finally
        {
            activity?.Drained();
            notifier.WorkAvailable -= Wake;
            await Task.WhenAll(collections);
            await watching;
        }
    }

    private async Task ClaimAsync(int free, List<Task> collections, CancellationToken stoppingToken)
    {
        IReadOnlyList<long> candidates;
        try
        {
            candidates = await leases.FindClaimableAsync(free + running.Count, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookFailed(logger, ex.Message);
            return;
        }

        foreach (var id in candidates)
        {
            if (free == 0)
            {
                break;
            }

            if (running.ContainsKey(id) || !await TryClaimAsync(id, stoppingToken))
            {
                continue;
            }

            free--;
            activity?.Started();
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            running[id] = cancel;
            collections.Add(RunAsync(id, cancel));
        }
    }

    private async Task<bool> TryClaimAsync(long id, CancellationToken stoppingToken)
    {
        try
        {
            return await leases.TryClaimAsync(id, Owner, TimeSpan.FromSeconds(options.LeaseSeconds), stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogLookFailed(logger, ex.Message);
            return false;
        }
    }

    private async Task RunAsync(long id, CancellationTokenSource cancel)
    {
        try
        {
            await Task.Yield();
            await collector.CollectAsync(id, Owner, cancel.Token);
        }
        catch (Exception ex) when (!cancel.IsCancellationRequested)
        {
            // A fault outside any source (the database, the disk): the claim runs out and the request is taken up again.
            LogCollectionFault(logger, id, ex);
        }
        catch (OperationCanceledException)
        {
            // Stopped; the collector has already tidied up.
        }
        finally
        {
            running.TryRemove(id, out _);
            cancel.Dispose();
            Wake();
        }
    }

    /// <summary>Stops a collection at once when the request is cancelled, denied or paused for the subject in this process (others see it on the next heartbeat).</summary>
    private async Task StopCancelledAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifier.WatchAsync(stoppingToken))
            {
                if (change.State is RequestState.Cancelled or RequestState.Denied or RequestState.AwaitingSubject && running.TryGetValue(change.RequestId, out var cancel))
                {
                    try
                    {
                        await cancel.CancelAsync();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The collection ended meanwhile.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var poll = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        poll.CancelAfter(TimeSpan.FromSeconds(options.PollSeconds));
        try
        {
            await wake.WaitAsync(poll.Token);
            while (wake.CurrentCount > 0)
            {
                await wake.WaitAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }

    private void Wake() => wake.Release();

    public override void Dispose()
    {
        base.Dispose();
        wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collection is disabled in this process (Collection:Enabled is false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for queued requests failed: {Error}")]
    private static partial void LogLookFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Collecting request {RequestId} failed outside its sources; it will be taken up again when its claim expires")]
    private static partial void LogCollectionFault(ILogger logger, long requestId, Exception exception);
}
