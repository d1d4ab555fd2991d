using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

public enum CollectionOutcome
{
    Completed,
    Failed,

    /// <summary>The request was cancelled or denied meanwhile, or another process holds it now.</summary>
    Stopped,

    /// <summary>This process is shutting down; the claim was released for another to take up.</summary>
    Interrupted,
}

/// <summary>
/// Collects one request this process has claimed: every source that serves the subject writes its file, each
/// retried with back-off when it fails; then the result document is assembled, moved into place and the request
/// completed. Progress is saved and published as it goes, and the claim renewed with it.
/// </summary>
public sealed partial class RequestCollector(
    IDbContextFactory<PortalDbContext> dbFactory,
    SourceCatalog catalog,
    ResultStore store,
    RequestLeases leases,
    RequestStatusNotifier notifier,
    ComplianceClock clock,
    TimeProvider time,
    IOptions<CollectionOptions> collectionOptions,
    IOptions<ResultOptions> resultOptions,
    ILogger<RequestCollector> logger)
{
    private readonly CollectionOptions options = collectionOptions.Value;

    public async Task<CollectionOutcome> CollectAsync(long requestId, string owner, CancellationToken stopping)
    {
        var started = await BeginAsync(requestId, owner, stopping);
        if (started is null)
        {
            return CollectionOutcome.Stopped;
        }

        var (collecting, sources) = started.Value;
        var subject = collecting.Subject;
        using var collection = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var tracker = new ProgressTracker(sources.Count);
        var lease = TimeSpan.FromSeconds(options.LeaseSeconds);
        var heartbeat = HeartbeatAsync(requestId, owner, collecting, tracker, collection, lease);
        string? failedSource = null;
        string? failure = null;
        try
        {
            var work = store.StartWork(requestId);
            var segments = new List<SourceSegment>(sources.Count);
            for (var position = 0; position < sources.Count && failure is null; position++)
            {
                var (segment, error) = await CollectSourceAsync(requestId, collecting, sources[position], position, work, tracker, collection.Token);
                if (segment is null)
                {
                    failedSource = sources[position].Description.Key;
                    failure = error;
                }
                else
                {
                    segments.Add(segment);
                }
            }

            if (failure is not null)
            {
                return await FailAsync(requestId, owner, failedSource!, failure, stopping);
            }

            // Assembled in the work folder and moved into place only while the claim still holds.
            var finished = Path.Combine(work, "result.json");
            ResultFingerprint fingerprint;
            await using (var file = PrivateFiles.Create(finished, FileMode.Create))
            {
                fingerprint = await ResultDocument.WriteAsync(file, requestId, subject, time.GetUtcNow(), segments, collection.Token);
            }

            if (!await leases.RenewAsync(requestId, owner, lease, tracker.Snapshot(), stopping))
            {
                store.DeleteWork(requestId);
                return CollectionOutcome.Stopped;
            }

            store.Publish(requestId, finished);
            return await CompleteAsync(requestId, owner, fingerprint, stopping);
        }
        catch (OperationCanceledException) when (collection.IsCancellationRequested)
        {
            await StopHeartbeatAsync(collection, heartbeat);
            store.DeleteWork(requestId);
            if (stopping.IsCancellationRequested)
            {
                await leases.ReleaseAsync(requestId, owner, CancellationToken.None);
                LogInterrupted(logger, requestId);
                return CollectionOutcome.Interrupted;
            }

            LogStopped(logger, requestId);
            return CollectionOutcome.Stopped;
        }
        finally
        {
            await StopHeartbeatAsync(collection, heartbeat);
        }
    }

    /// <summary>Moves the claimed request to Collecting (or resumes it) and lists its sources; null when it is no longer ours to collect.</summary>
    private async Task<(RequestStatusChange Collecting, IReadOnlyList<IDataSource> Sources)?> BeginAsync(long requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.LeaseOwner != owner || request.State is not (RequestState.Queued or RequestState.Collecting))
        {
            return null;
        }

        var sources = catalog.For(request.SubjectType);
        if (request.State == RequestState.Queued)
        {
            request.StartCollecting(clock, sources.Count);
        }
        else
        {
            request.ResumeCollecting(clock, sources.Count);
        }

        await db.SourceRuns.Where(r => r.DataRequestId == requestId).ExecuteDeleteAsync(cancellationToken);
        for (var position = 0; position < sources.Count; position++)
        {
            db.SourceRuns.Add(new CollectionSourceRun
            {
                DataRequestId = requestId,
                Position = position,
                SourceKey = sources[position].Description.Key,
                SourceTitle = sources[position].Description.Title,
                State = SourceRunState.Waiting,
            });
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        var collecting = RequestStatusChange.Of(request, time.GetUtcNow());
        notifier.Publish(collecting);
        LogStarted(logger, requestId, sources.Count);
        return (collecting, sources);
    }

    /// <summary>Runs one source until it succeeds or has used its attempts; a failed source returns its last error.</summary>
    private async Task<(SourceSegment? Segment, string? Error)> CollectSourceAsync(
        long requestId, RequestStatusChange collecting, IDataSource source, int position, string work, ProgressTracker tracker, CancellationToken cancellationToken)
    {
        var description = source.Description;
        var file = Path.Combine(work, $"{position}.json");
        string? error = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            await UpdateRunAsync(requestId, position, attempt == 1 ? SourceRunState.Running : SourceRunState.Retrying, attempt, error, tracker.Current, cancellationToken);
            tracker.BeginSource();
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptLimit.CancelAfter(TimeSpan.FromMinutes(options.SourceTimeoutMinutes));
            try
            {
                await using var stream = PrivateFiles.Create(file, FileMode.Create);
                await using var output = new SourceOutput(stream, description, tracker.SourceProgress);
                await source.CollectAsync(collecting.Subject, output, attemptLimit.Token);
                await output.CompleteAsync(attemptLimit.Token);
                tracker.EndSource(output.Records, output.Bytes);
                await UpdateRunAsync(requestId, position, SourceRunState.Done, attempt, null, (output.Records, output.Bytes), cancellationToken);
                notifier.Publish(collecting with { Progress = tracker.Snapshot(), At = time.GetUtcNow() });
                return (new SourceSegment(description.Key, file, output.Categories), null);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception ex)
            {
                error = attemptLimit.IsCancellationRequested
                    ? $"did not finish within {Describe(TimeSpan.FromMinutes(options.SourceTimeoutMinutes))}"
                    : ex.Message;
                LogSourceFailed(logger, requestId, description.Key, attempt, options.MaxAttempts, error);
                tracker.AbandonSource();
            }

            if (attempt < options.MaxAttempts)
            {
                var delay = TimeSpan.FromSeconds(options.RetryDelaySeconds * Math.Pow(2, attempt - 1));
                await UpdateRunAsync(requestId, position, SourceRunState.Retrying, attempt, error, (0, 0), cancellationToken);
                await Task.Delay(delay, time, cancellationToken);
            }
        }

        var message = $"{error} (after {options.MaxAttempts} attempt{(options.MaxAttempts == 1 ? "" : "s")})";
        await UpdateRunAsync(requestId, position, SourceRunState.Failed, options.MaxAttempts, message, (0, 0), cancellationToken);
        return (null, message);
    }

    private async Task<CollectionOutcome> CompleteAsync(long requestId, string owner, ResultFingerprint fingerprint, CancellationToken cancellationToken)
    {
        var outcome = await FinishAsync(requestId, owner, r => r.Complete(fingerprint, clock, resultOptions.Value.Retention), cancellationToken);
        if (outcome)
        {
            store.DeleteWork(requestId);
            LogCompleted(logger, requestId, fingerprint.Bytes);
            return CollectionOutcome.Completed;
        }

        // Cancelled or denied in the moment between publishing and completing: the document must not stay behind.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.DataRequests.AnyAsync(r => r.Id == requestId && r.State == RequestState.Completed, cancellationToken))
        {
            store.Delete(requestId);
        }

        return CollectionOutcome.Stopped;
    }

    private async Task<CollectionOutcome> FailAsync(long requestId, string owner, string source, string error, CancellationToken cancellationToken)
    {
        store.DeleteWork(requestId);
        var outcome = await FinishAsync(requestId, owner, r => r.Fail(source, error, clock), cancellationToken);
        return outcome ? CollectionOutcome.Failed : CollectionOutcome.Stopped;
    }

    /// <summary>Applies the final change if the request is still ours and still collecting; a concurrent change wins.</summary>
    private async Task<bool> FinishAsync(long requestId, string owner, Action<DataRequest> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.LeaseOwner != owner || request.State != RequestState.Collecting)
        {
            return false;
        }

        change(request);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        notifier.Publish(RequestStatusChange.Of(request, time.GetUtcNow()));
        return true;
    }

    private async Task UpdateRunAsync(long requestId, int position, SourceRunState state, int attempts, string? error, (long Records, long Bytes) progress, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var finished = state is SourceRunState.Done or SourceRunState.Failed ? now : (DateTimeOffset?)null;
        var limited = error is { Length: > DataRequest.MaxReasonLength } ? error[..DataRequest.MaxReasonLength] : error;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SourceRuns
            .Where(r => r.DataRequestId == requestId && r.Position == position)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.State, state)
                    .SetProperty(r => r.Attempts, attempts)
                    .SetProperty(r => r.Error, limited)
                    .SetProperty(r => r.Records, progress.Records)
                    .SetProperty(r => r.Bytes, progress.Bytes)
                    .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                    .SetProperty(r => r.FinishedAt, finished),
                cancellationToken);
    }

    /// <summary>Renews the claim and saves progress on a beat; stops the collection when the claim is lost.</summary>
    private async Task HeartbeatAsync(long requestId, string owner, RequestStatusChange collecting, ProgressTracker tracker, CancellationTokenSource collection, TimeSpan lease)
    {
        var beat = TimeSpan.FromMilliseconds(Math.Min(options.ProgressMilliseconds, lease.TotalMilliseconds / 3));
        var last = tracker.Snapshot();
        try
        {
            while (!collection.IsCancellationRequested)
            {
                await Task.Delay(beat, time, collection.Token);
                var progress = tracker.Snapshot();
                if (!await leases.RenewAsync(requestId, owner, lease, progress, collection.Token))
                {
                    await collection.CancelAsync();
                    return;
                }

                if (progress != last)
                {
                    last = progress;
                    notifier.Publish(collecting with { Progress = progress, At = time.GetUtcNow() });
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The collection ended or stopped; nothing more to renew.
        }
    }

    private static string Describe(TimeSpan duration) =>
        duration.TotalMinutes >= 1
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalMinutes:0.#} minutes")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} seconds");

    private static async Task StopHeartbeatAsync(CancellationTokenSource collection, Task heartbeat)
    {
        if (!heartbeat.IsCompleted)
        {
            await collection.CancelAsync();
        }

        await heartbeat;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Collecting request {RequestId} from {Sources} source(s)")]
    private static partial void LogStarted(ILogger logger, long requestId, int sources);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} completed: {Bytes} bytes")]
    private static partial void LogCompleted(ILogger logger, long requestId, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: source {Source} failed (attempt {Attempt} of {MaxAttempts}): {Error}")]
    private static partial void LogSourceFailed(ILogger logger, long requestId, string source, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: collection stopped (cancelled, denied or taken over)")]
    private static partial void LogStopped(ILogger logger, long requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: collection interrupted by shutdown; released for another process")]
    private static partial void LogInterrupted(ILogger logger, long requestId);
}
