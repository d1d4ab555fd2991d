namespace DataRequestPortal.Core.Collection;

public enum SourceRunState
{
    Waiting,
    Running,
    Retrying,
    Done,
    Failed,

    /// <summary>A manual source whose task its assignee has not done yet.</summary>
    AwaitingTask,
}

/// <summary>One source's part in collecting one request: its progress live, and its error when it failed.</summary>
public sealed class CollectionSourceRun
{
    public long Id { get; set; }

    public long DataRequestId { get; set; }

    /// <summary>Position of the source in the collection, from 0.</summary>
    public int Position { get; set; }

    public string SourceKey { get; set; } = "";

    public string SourceTitle { get; set; } = "";

    public SourceRunState State { get; set; }

    public int Attempts { get; set; }

    public long Records { get; set; }

    public long Bytes { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}
