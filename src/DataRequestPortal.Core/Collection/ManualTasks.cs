using System.Globalization;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Collection;

/// <summary>There is no such task on the request (or no such request).</summary>
public sealed class ManualTaskNotFoundException(string message) : Exception(message);

/// <summary>A manual task on the overview: open, its request's due date and who is awaited.</summary>
public sealed record OpenManualTask(long RequestId, int Number, string SourceTitle, string Assignee, DateOnly DueDate);

/// <summary>
/// Manual tasks done by their assignees: an upload of what they found, or an attestation that nothing was found. Each is
/// recorded in the timeline and the audit log (counts and names, never the subject's data), and the last one done lets
/// the request's collection complete.
/// </summary>
public sealed class ManualTasks(IDbContextFactory<PortalDbContext> dbFactory, ResultStore store, RequestStatusNotifier notifier, ComplianceClock clock)
{
    public async Task<IReadOnlyList<ManualTask>> ForAsync(long requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ManualTasks.AsNoTracking().Where(t => t.DataRequestId == requestId).OrderBy(t => t.Number).ToListAsync(cancellationToken);
    }

    /// <summary>Open tasks of open requests whose due date is no more than <paramref name="warnDays"/> away (or past), soonest first.</summary>
    public async Task<IReadOnlyList<OpenManualTask>> DueSoonAsync(int warnDays, CancellationToken cancellationToken = default)
    {
        var limit = clock.Today.AddDays(warnDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = RequestLifecycle.OpenStates;
        return await db.ManualTasks.AsNoTracking()
            .Where(t => t.State == ManualTaskState.Open)
            .Join(db.DataRequests, t => t.DataRequestId, r => r.Id, (t, r) => new { Task = t, Request = r })
            .Where(x => open.Contains(x.Request.State) && x.Request.DueDate <= limit)
            .OrderBy(x => x.Request.DueDate)
            .Select(x => new OpenManualTask(x.Request.Id, x.Task.Number, x.Task.SourceTitle, x.Task.Assignee, x.Request.DueDate))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Completes a task with what its assignee found; a bad upload is refused with a message and changes nothing.</summary>
    /// <exception cref="ManualUploadException">The upload cannot be taken.</exception>
    /// <exception cref="RequestRuleException">The task is done already, or the request is closed.</exception>
    /// <exception cref="ManualTaskNotFoundException">The request has no such task.</exception>
    public async Task<ManualTask> UploadAsync(long requestId, int number, IReadOnlyList<UploadedFile> files, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var trimmed = Note(note, required: false);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (request, task) = await OpenTaskAsync(db, requestId, number, cancellationToken);

        // Written beside its final place first, so a refused upload or a lost race leaves nothing behind.
        var staging = store.NewManualUploadFolder(requestId, number);
        var (records, fileCount) = await ManualUploads.WriteAsync(files, staging, cancellationToken);
        try
        {
            await store.PublishManualUploadAsync(requestId, number, staging, cancellationToken);
            Finish(task, ManualTaskState.Uploaded, actor, trimmed, records, fileCount);
            request.RecordManualTask(
                TimelineEvent.ManualTaskUploaded,
                actor,
                clock,
                string.Create(CultureInfo.InvariantCulture, $"Task {task.Number} '{task.SourceTitle}' done: {records} {(records == 1 ? "record" : "records")} uploaded, {fileCount} of them {(fileCount == 1 ? "file" : "files")}"));
            await SaveAsync(db, cancellationToken);
        }
        catch
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            await store.DeleteManualUploadAsync(requestId, number, CancellationToken.None);

            throw;
        }

        await ContinueAsync(db, request, cancellationToken);
        return task;
    }

    /// <summary>Completes a task by attesting that the source was searched and nothing was found; the note is required.</summary>
    public async Task<ManualTask> AttestAsync(long requestId, int number, string? note, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var trimmed = Note(note, required: true);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (request, task) = await OpenTaskAsync(db, requestId, number, cancellationToken);
        Finish(task, ManualTaskState.Attested, actor, trimmed, 0, 0);

        // The note stays with the task and the result; the timeline and the audit log get no free text that might name the subject.
        request.RecordManualTask(TimelineEvent.ManualTaskAttested, actor, clock, $"Task {task.Number} '{task.SourceTitle}' done: searched, nothing found");
        await SaveAsync(db, cancellationToken);
        await ContinueAsync(db, request, cancellationToken);
        return task;
    }

    private static string? Note(string? note, bool required)
    {
        var trimmed = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (required && trimmed is null)
        {
            throw new ManualUploadException("Say in a note where and how you searched; it is kept with the attestation.");
        }

        if (trimmed is { Length: > ManualTask.MaxNoteLength })
        {
            throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"The note is {trimmed.Length} characters long; at most {ManualTask.MaxNoteLength} are kept."));
        }

        return trimmed;
    }

    private void Finish(ManualTask task, ManualTaskState state, Actor actor, string? note, long records, int files)
    {
        task.State = state;
        task.CompletedAt = clock.Now;
        task.CompletedBy = actor.Name;
        task.Note = note;
        task.Records = records;
        task.Files = files;
        task.Version = Guid.NewGuid();
    }

    private static async Task<(DataRequest Request, ManualTask Task)> OpenTaskAsync(PortalDbContext db, long requestId, int number, CancellationToken cancellationToken)
    {
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        var task = request is null ? null : await db.ManualTasks.SingleOrDefaultAsync(t => t.DataRequestId == requestId && t.Number == number, cancellationToken);
        if (request is null || task is null)
        {
            throw new ManualTaskNotFoundException(string.Create(CultureInfo.InvariantCulture, $"Request {requestId} has no task {number}."));
        }

        if (!task.IsOpen)
        {
            throw new RequestRuleException($"Task {number} '{task.SourceTitle}' was already done by {task.CompletedBy}; nothing was changed.");
        }

        if (!RequestLifecycle.IsOpen(request.State) || request.State == RequestState.Unverified)
        {
            throw new RequestRuleException($"Request {requestId} is {request.State.ToString().ToLowerInvariant()}; its tasks can no longer be done.");
        }

        return (request, task);
    }

    private static async Task SaveAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RequestRuleException("Someone else completed this task or changed the request meanwhile; nothing was changed. Open the request again.");
        }
    }

    /// <summary>The last task done lets go of a request held for its tasks, so a collector completes it.</summary>
    private async Task ContinueAsync(PortalDbContext db, DataRequest request, CancellationToken cancellationToken)
    {
        int released;
        await using (var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, cancellationToken))
        {
            released = await db.DataRequests
                .Where(r => r.Id == request.Id && r.LeaseOwner == ManualTask.WaitingLeaseOwner && r.State == RequestState.Collecting)
                .Where(r => !db.ManualTasks.Any(t => t.DataRequestId == request.Id && t.State == ManualTaskState.Open))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
        }

        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        if (released == 1)
        {
            notifier.AnnounceWork();
        }
    }
}
