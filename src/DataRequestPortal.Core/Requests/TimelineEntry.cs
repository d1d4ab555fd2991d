namespace DataRequestPortal.Core.Requests;

public enum TimelineEvent
{
    /// <summary>The request was filed; <see cref="TimelineEntry.ToState"/> is its first state.</summary>
    Filed,
    StateChanged,
    DueDateExtended,

    /// <summary>Another portal process took over a collection whose process stopped.</summary>
    CollectionResumed,

    /// <summary>A reviewer withheld or redacted (or restored) part of the collected result; the reason says what, in counts and reasons.</summary>
    Reviewed,

    /// <summary>A reviewer asked for release, which a second officer must give (four eyes).</summary>
    ReleaseRequested,
    /// <summary>A manual source became a task for its assignee.</summary>
    ManualTaskCreated,

    /// <summary>A manual source's assignee uploaded what they found.</summary>
    ManualTaskUploaded,

    /// <summary>A manual source's assignee attested that they found nothing.</summary>
    ManualTaskAttested,
}

/// <summary>One line of a request's history: when, who, what changed and why. Never edited after it is written.</summary>
public sealed class TimelineEntry
{
    private TimelineEntry()
    {
    }

    internal TimelineEntry(DateTimeOffset at, Actor actor, TimelineEvent @event, RequestState? from, RequestState to, string? reason)
    {
        At = at;
        ActorKind = actor.Kind;
        ActorName = actor.Name;
        Event = @event;
        FromState = from;
        ToState = to;
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
    }

    public long Id { get; private set; }

    public long DataRequestId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorName { get; private set; } = "";

    public Actor Actor => new(ActorKind, ActorName);

    public TimelineEvent Event { get; private set; }

    public RequestState? FromState { get; private set; }

    public RequestState ToState { get; private set; }

    public string? Reason { get; private set; }
}
