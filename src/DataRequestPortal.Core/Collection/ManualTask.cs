namespace DataRequestPortal.Core.Collection;

public enum ManualTaskState
{
    /// <summary>Waiting for its assignee; the request cannot complete meanwhile.</summary>
    Open,

    /// <summary>Done: the assignee uploaded what the source holds.</summary>
    Uploaded,

    /// <summary>Done: the assignee searched and attested that nothing was found.</summary>
    Attested,
}

/// <summary>
/// A manual source's part in one request: a person searches a system the portal cannot query (a paper archive, a CRM
/// without an API) and uploads what they found or attests that there was nothing. The request completes only when
/// every one of its tasks is done.
/// </summary>
public sealed class ManualTask
{
    public const int MaxNoteLength = 2000;

    /// <summary>
    /// Holds a collecting request whose other sources are done while tasks are open, so no collector takes it up; the
    /// last task done lets go of it (<see cref="ManualTasks"/>).
    /// </summary>
    public const string WaitingLeaseOwner = "waiting-for-manual-tasks";

    public static readonly DateTimeOffset WaitingLeaseUntil = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    public long Id { get; set; }

    public long DataRequestId { get; set; }

    /// <summary>1, 2, … within the request; names the task in its assignee's email.</summary>
    public int Number { get; set; }

    public string SourceKey { get; set; } = "";

    public string SourceTitle { get; set; } = "";

    /// <summary>An email address, or a staff role (<c>Officer</c>, <c>Admin</c>) whose members are all told.</summary>
    public string Assignee { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public ManualTaskState State { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The name of the staff member who completed it, as the timeline shows people.</summary>
    public string? CompletedBy { get; set; }

    /// <summary>The attestation's note, or a note given with an upload.</summary>
    public string? Note { get; set; }

    public long Records { get; set; }

    /// <summary>Files (scanned letters and the like) kept with the result.</summary>
    public int Files { get; set; }

    /// <summary>Changes with every update, so two people completing the same task cannot both succeed.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public bool IsOpen => State == ManualTaskState.Open;
}

/// <summary>Tells a task's assignee about it, in the same save that creates the task; Delivery implements it.</summary>
public interface IManualTaskNotices
{
    Task QueueAsync(Data.PortalDbContext db, Requests.DataRequest request, ManualTask task, CancellationToken cancellationToken);
}
