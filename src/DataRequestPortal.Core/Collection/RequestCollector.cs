using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Manual;
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

    /// <summary>Every automatic source is done; the request waits for its open manual tasks.</summary>
    WaitingForTasks,
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
    IOptions<ReviewOptions> reviewOptions,
    ILogger<RequestCollector> logger,
    IManualTaskNotices? taskNotices = null)
{
    private readonly CollectionOptions options = collectionOptions.Value;

    public async Task<CollectionOutcome> CollectAsync(long requestId, string owner, CancellationToken stopping)
    {
        var started = await BeginAsync(requestId, owner, stopping);
        if (started is null)
        {
            return CollectionOutcome.Stopped;
        }

        var (collecting, sources, tasks) = started.Value;
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
            var searched = new List<CollectionSourceRun>(sources.Count);
            SourceRunChange? lastDone = null;
            var awaiting = 0;
            for (var position = 0; position < sources.Count && failure is null; position++)
            {
                // A manual source whose task is open is passed over; the others go on, and the request waits for the task at the end.
                if (sources[position] is ManualSource && TaskOf(tasks, sources[position]) is { IsOpen: true })
                {
                    awaiting++;
                    var waiting = new SourceRunChange(position, SourceRunState.AwaitingTask, 0, null, 0, 0);
                    if (position + 1 < sources.Count)
                    {
                        await SaveStepAsync(requestId, owner, tracker, collection, waiting, Running(position + 1, attempt: 1));
                    }
                    else
                    {
                        lastDone = waiting;
                    }

                    continue;
                }

                var (segment, done, error) = await CollectSourceAsync(requestId, owner, collecting, sources[position], position, work, tracker, collection, TaskOf(tasks, sources[position]));
                if (segment is null)
                {
                    failedSource = sources[position].Description.Key;
                    failure = error;
                    continue;
                }

                segments.Add(segment);
                searched.Add(new CollectionSourceRun
                {
                    SourceKey = segment.Source, SourceTitle = sources[position].Description.Title, State = SourceRunState.Done, Attempts = done!.Attempts, Records = done.Records,
                });
                if (position + 1 < sources.Count)
                {
                    // One write per step: this source done and the next one running, with the claim renewed.
                    await SaveStepAsync(requestId, owner, tracker, collection, done, Running(position + 1, attempt: 1));
                }
                else
                {
                    lastDone = done;
                }
            }

            if (failure is not null)
            {
                return await FailAsync(requestId, owner, failedSource!, failure, stopping);
            }

            if (awaiting > 0)
            {
                return await WaitForTasksAsync(requestId, owner, collecting, tracker, collection, lastDone, awaiting, stopping);
            }

            // Assembled in the work folder and moved into place only while the claim still holds.
            var finished = Path.Combine(work, "result.json");
            ResultFingerprint fingerprint;
            await using (var file = PrivateFiles.Create(finished, FileMode.Create, buffered: false))
            {
                var searches = WhereWeLooked.Of([.. catalog.All.Select(s => s.Description)], subject.Type, searched, tasks);
                fingerprint = await ResultDocument.WriteAsync(file, requestId, subject, time.GetUtcNow(), segments, searches, collection.Token);
            }

            if (!await leases.RenewAsync(requestId, owner, lease, tracker.Snapshot(), lastDone is null ? [] : [lastDone], stopping))
            {
                store.DeleteWork(requestId);
                return CollectionOutcome.Stopped;
            }

            var review = reviewOptions.Value.IsRequired(collecting.Channel);
            if (review)
            {
                await store.PublishOriginalAsync(requestId, finished);
            }
            else
            {
                await store.PublishAsync(requestId, finished);
            }

            return await CompleteAsync(requestId, owner, fingerprint, review, stopping);
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
    private async Task<(RequestStatusChange Collecting, IReadOnlyList<IDataSource> Sources, IReadOnlyList<ManualTask> Tasks)?> BeginAsync(long requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.LeaseOwner != owner || request.State is not (RequestState.Queued or RequestState.Collecting))
        {
            return null;
        }

        var sources = catalog.For(request.SubjectType);
        var tasks = await db.ManualTasks.Where(t => t.DataRequestId == requestId).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        if (request.State == RequestState.Queued)
        {
            request.StartCollecting(clock, sources.Count);
        }
        else
        {
            request.ResumeCollecting(
                clock,
                sources.Count,
                tasks.Count > 0 && tasks.All(t => !t.IsOpen) ? "Every manual task is done; collecting again to complete the request" : null);
        }

        // An earlier attempt's runs go, the new ones come (the first already running) and the request changes: one write.
        db.SourceRuns.RemoveRange(await db.SourceRuns.Where(r => r.DataRequestId == requestId).ToListAsync(cancellationToken));
        var now = time.GetUtcNow();
        foreach (var manual in sources.OfType<ManualSource>().Where(m => TaskOf(tasks, m) is null))
        {
            // Each manual source becomes a task once per request; a restart keeps the tasks and what was done in them.
            var task = new ManualTask
            {
                DataRequestId = requestId,
                Number = tasks.Count == 0 ? 1 : tasks.Max(t => t.Number) + 1,
                SourceKey = manual.Description.Key,
                SourceTitle = manual.Description.Title,
                Assignee = manual.Assignee,
                CreatedAt = now,
                State = ManualTaskState.Open,
            };
            tasks.Add(task);
            db.ManualTasks.Add(task);
            request.RecordManualTask(TimelineEvent.ManualTaskCreated, Actor.System, clock, $"Task {task.Number} '{task.SourceTitle}' assigned to {task.Assignee}");
            if (taskNotices is not null)
            {
                await taskNotices.QueueAsync(db, request, task, cancellationToken);
            }
        }

        for (var position = 0; position < sources.Count; position++)
        {
            db.SourceRuns.Add(new CollectionSourceRun
            {
                DataRequestId = requestId,
                Position = position,
                SourceKey = sources[position].Description.Key,
                SourceTitle = sources[position].Description.Title,
                State = position == 0 ? SourceRunState.Running : SourceRunState.Waiting,
                Attempts = position == 0 ? 1 : 0,
                StartedAt = position == 0 ? now : null,
            });
        }

        try
        {
            await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return null;
        }

        var collecting = RequestStatusChange.Of(request, time.GetUtcNow());
        notifier.Publish(collecting);
        LogStarted(logger, requestId, sources.Count);
        return (collecting, sources, tasks);
    }

    private static ManualTask? TaskOf(IReadOnlyList<ManualTask> tasks, IDataSource source) =>
        tasks.FirstOrDefault(t => string.Equals(t.SourceKey, source.Description.Key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Every automatic source is done but tasks are open: the request keeps Collecting, held for its tasks so no collector
    /// takes it up, and the last task done lets go of it. When the last task was done meanwhile, it is let go at once.
    /// </summary>
    private async Task<CollectionOutcome> WaitForTasksAsync(
        long requestId, string owner, RequestStatusChange collecting, ProgressTracker tracker, CancellationTokenSource collection, SourceRunChange? last, int awaiting, CancellationToken stopping)
    {
        if (last is not null)
        {
            await SaveStepAsync(requestId, owner, tracker, collection, last);
        }

        store.DeleteWork(requestId);
        await using var db = await dbFactory.CreateDbContextAsync(stopping);
        int held;
        await using (var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, stopping))
        {
            held = await db.DataRequests
                .Where(r => r.Id == requestId && r.LeaseOwner == owner && r.State == RequestState.Collecting)
                .Where(r => db.ManualTasks.Any(t => t.DataRequestId == requestId && t.State == ManualTaskState.Open))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, ManualTask.WaitingLeaseOwner).SetProperty(r => r.LeaseExpiresAt, ManualTask.WaitingLeaseUntil), stopping);
        }

        if (held == 0)
        {
            // The last task was done while the other sources ran (or the request was taken from us): let go, to be collected again.
            await leases.ReleaseAsync(requestId, owner, stopping);
            notifier.AnnounceWork();
            return CollectionOutcome.Stopped;
        }

        notifier.Publish(collecting with { Progress = tracker.Snapshot(), At = time.GetUtcNow() });
        LogWaiting(logger, requestId, awaiting);
        return CollectionOutcome.WaitingForTasks;
    }

    /// <summary>
    /// Runs one source until it succeeds or has used its attempts. Its first attempt is already saved as running; a
    /// source that succeeds returns its run's Done state for the caller to save with the next step, a failed one its last error.
    /// </summary>
    private async Task<(SourceSegment? Segment, SourceRunChange? Done, string? Error)> CollectSourceAsync(
        long requestId, string owner, RequestStatusChange collecting, IDataSource source, int position, string work, ProgressTracker tracker, CancellationTokenSource collection,
        ManualTask? task)
    {
        var cancellationToken = collection.Token;
        var description = source.Description;
        var file = Path.Combine(work, $"{position}.json");
        string? error = null;
        for (var attempt = 1; attempt <= options.MaxAttempts; attempt++)
        {
            if (attempt > 1)
            {
                await SaveStepAsync(requestId, owner, tracker, collection, new SourceRunChange(position, SourceRunState.Retrying, attempt, error, 0, 0));
            }

            tracker.BeginSource(position, attempt);
            using var attemptLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attemptLimit.CancelAfter(TimeSpan.FromMinutes(options.SourceTimeoutMinutes));
            try
            {
                await using var stream = PrivateFiles.Create(file, FileMode.Create, buffered: false);
                await using var output = new SourceOutput(stream, description, tracker.SourceProgress);
                if (source is ManualSource manual)
                {
                    await WriteTaskAsync(requestId, manual, task!, output, attemptLimit.Token);
                }
                else
                {
                    await source.CollectAsync(collecting.Subject, output, attemptLimit.Token);
                }

                await output.CompleteAsync(attemptLimit.Token);
                tracker.EndSource(output.Records, output.Bytes);
                notifier.Publish(collecting with { Progress = tracker.Snapshot(), At = time.GetUtcNow() });
                return (new SourceSegment(description.Key, file, output.Categories), new SourceRunChange(position, SourceRunState.Done, attempt, null, output.Records, output.Bytes), null);
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
                await SaveStepAsync(requestId, owner, tracker, collection, new SourceRunChange(position, SourceRunState.Retrying, attempt, error, 0, 0));
                await Task.Delay(delay, time, cancellationToken);
            }
        }

        var message = $"{error} (after {options.MaxAttempts} attempt{(options.MaxAttempts == 1 ? "" : "s")})";
        await SaveStepAsync(requestId, owner, tracker, collection, new SourceRunChange(position, SourceRunState.Failed, options.MaxAttempts, message, 0, 0));
        return (null, null, message);
    }

    /// <summary>A done task's upload into the result; an attestation without one is the source's categories, empty.</summary>
    private async Task WriteTaskAsync(long requestId, ManualSource manual, ManualTask task, SourceOutput output, CancellationToken cancellationToken)
    {
        if (task.State == ManualTaskState.Uploaded)
        {
            await using var stream = await store.OpenManualUploadAsync(requestId, task.Number, ManualUploads.UploadFile, cancellationToken)
                ?? throw new FileNotFoundException($"The upload of task {task.Number} is missing from the result store.");
            await manual.WriteAsync(stream, output, cancellationToken);
        }
    }

    private static SourceRunChange Running(int position, int attempt) => new(position, SourceRunState.Running, attempt, null, 0, 0);

    /// <summary>Saves the runs' new states with the progress, renewing the claim in the same write; stops the collection when the claim is gone.</summary>
    private async Task SaveStepAsync(long requestId, string owner, ProgressTracker tracker, CancellationTokenSource collection, params SourceRunChange[] runs)
    {
        if (!await leases.RenewAsync(requestId, owner, TimeSpan.FromSeconds(options.LeaseSeconds), tracker.Snapshot(), runs, collection.Token))
        {
            await collection.CancelAsync();
            collection.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>The collection's last step: completed at once, or held for a reviewer where the channel requires review.</summary>
    private void Finish(DataRequest request, ResultFingerprint fingerprint, bool review)
    {
        if (review)
        {
            request.HoldForReview(fingerprint, clock);
        }
        else
        {
            request.Complete(fingerprint, clock, resultOptions.Value.Retention);
        }
    }

    private async Task<CollectionOutcome> CompleteAsync(long requestId, string owner, ResultFingerprint fingerprint, bool review, CancellationToken cancellationToken)
    {
        var outcome = await FinishAsync(requestId, owner, r => Finish(r, fingerprint, review), cancellationToken);
        if (outcome)
        {
            store.DeleteWork(requestId);
            LogCompleted(logger, requestId, fingerprint.Bytes);
            return CollectionOutcome.Completed;
        }

        // Cancelled or denied in the moment between publishing and completing: the document must not stay behind.
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (!await db.DataRequests.AnyAsync(r => r.Id == requestId && (r.State == RequestState.Completed || r.State == RequestState.InReview), cancellationToken))
        {
            await store.DeleteAsync(requestId);
            await store.DeleteOriginalAsync(requestId);
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
        // One connection for the read and the write: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.LeaseOwner != owner || request.State != RequestState.Collecting)
        {
            return false;
        }

        change(request);
        try
        {
            await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        notifier.Publish(RequestStatusChange.Of(request, time.GetUtcNow()));
        return true;
    }

    /// <summary>
    /// Saves progress on a beat when there is new progress, renewing the claim with it, and renews the claim at least
    /// every third of its length; a beat with nothing to save only reads whether the claim still holds. Stops the
    /// collection when the claim is lost.
    /// </summary>
    private async Task HeartbeatAsync(long requestId, string owner, RequestStatusChange collecting, ProgressTracker tracker, CancellationTokenSource collection, TimeSpan lease)
    {
        var beat = TimeSpan.FromMilliseconds(Math.Min(options.ProgressMilliseconds, lease.TotalMilliseconds / 3));
        var last = tracker.Snapshot();
        var renewed = time.GetUtcNow();
        try
        {
            while (!collection.IsCancellationRequested)
            {
                await Task.Delay(beat, time, collection.Token);
                var progress = tracker.Snapshot();
                var renewalDue = time.GetUtcNow() - renewed >= lease / 3 - beat;
                // The running source's row gets its figures in the same write, so its line on the request page moves too.
                var held = progress != last || renewalDue
                    ? await leases.RenewAsync(requestId, owner, lease, progress, progress != last ? tracker.Running : null, collection.Token)
                    : await leases.IsHeldAsync(requestId, owner, collection.Token);
                if (!held)
                {
                    await collection.CancelAsync();
                    return;
                }

                if (progress != last || renewalDue)
                {
                    renewed = time.GetUtcNow();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: other sources done, waiting for {Tasks} manual task(s)")]
    private static partial void LogWaiting(ILogger logger, long requestId, int tasks);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId} completed: {Bytes} bytes")]
    private static partial void LogCompleted(ILogger logger, long requestId, long bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request {RequestId}: source {Source} failed (attempt {Attempt} of {MaxAttempts}): {Error}")]
    private static partial void LogSourceFailed(ILogger logger, long requestId, string source, int attempt, int maxAttempts, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: collection stopped (cancelled, denied or taken over)")]
    private static partial void LogStopped(ILogger logger, long requestId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request {RequestId}: collection interrupted by shutdown; released for another process")]
    private static partial void LogInterrupted(ILogger logger, long requestId);
}
