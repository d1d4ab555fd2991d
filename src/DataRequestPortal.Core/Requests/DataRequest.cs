namespace DataRequestPortal.Core.Requests;

/// <summary>
/// A data-subject access request. Its state changes only through the methods below, each of which
/// checks <see cref="RequestLifecycle"/> and writes a timeline entry, so the history is complete.
/// </summary>
public sealed class DataRequest
{
    public const int MaxReasonLength = 2000;

    private readonly List<TimelineEntry> timeline = [];

    private DataRequest()
    {
    }

    public long Id { get; private set; }

    public SubjectType SubjectType { get; private set; }

    public string SubjectId { get; private set; } = "";

    public Subject Subject => Subject.Create(SubjectType, SubjectId);

    public RequestChannel Channel { get; private set; }

    public RequestState State { get; private set; }

    /// <summary>When the (verified) request was received; the due date is counted from this day.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    public DateOnly DueDate { get; private set; }

    /// <summary>The due date before any extension; equal to <see cref="DueDate"/> until extended.</summary>
    public DateOnly OriginalDueDate { get; private set; }

    public DateTimeOffset? ExtendedAt { get; private set; }

    public bool IsExtended => ExtendedAt is not null;

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the result is purged; set on completion.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The reason given when the request was denied; the subject sees it.</summary>
    public string? DenialReason { get; private set; }

    /// <summary>Changes with every update, so two people acting on the same request cannot overwrite each other.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<TimelineEntry> Timeline => timeline;

    public bool IsOverdue(ComplianceClock clock) => RequestLifecycle.IsOpen(State) && clock.Today > DueDate;

    /// <summary>Days until the due date (negative when overdue).</summary>
    public int DaysLeft(ComplianceClock clock) => DueDate.DayNumber - clock.Today.DayNumber;

    /// <summary>
    /// Files a new request. Self-service requests start <see cref="RequestState.Unverified"/>; all
    /// others are received at once and start <see cref="RequestState.Queued"/>.
    /// </summary>
    public static DataRequest File(long id, Subject subject, RequestChannel channel, Actor actor, ComplianceClock clock, string? note = null)
    {
        if (!DataRequestId.IsWellFormed(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Not a data request id.");
        }

        ArgumentNullException.ThrowIfNull(subject);
        var state = channel == RequestChannel.SelfService ? RequestState.Unverified : RequestState.Queued;
        var request = new DataRequest
        {
            Id = id,
            SubjectType = subject.Type,
            SubjectId = subject.Identifier,
            Channel = channel,
            State = state,
            Version = Guid.NewGuid(),
        };
        request.SetReceived(clock);
        request.timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.Filed, null, state, Limit(note)));
        return request;
    }

    /// <summary>The subject proved the address: the request counts as received now, and its clock starts.</summary>
    public void Verify(Actor actor, ComplianceClock clock)
    {
        MoveTo(RequestState.Queued, actor, clock, "Email address verified");
        SetReceived(clock);
    }

    public void StartCollecting(ComplianceClock clock) => MoveTo(RequestState.Collecting, Actor.System, clock, null);

    public void Complete(ComplianceClock clock, TimeSpan retention)
    {
        if (retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "Retention must be positive.");
        }

        MoveTo(RequestState.Completed, Actor.System, clock, null);
        CompletedAt = clock.Now;
        ExpiresAt = clock.Now + retention;
    }

    public void Fail(string error, ComplianceClock clock) => MoveTo(RequestState.Failed, Actor.System, clock, RequireReason(error, "A failure"));

    public void Retry(Actor actor, ComplianceClock clock, string? reason = null) => MoveTo(RequestState.Queued, actor, clock, reason ?? "Retried");

    public void Cancel(Actor actor, ComplianceClock clock, string? reason = null) => MoveTo(RequestState.Cancelled, actor, clock, reason);

    public void Deny(Actor actor, string reason, ComplianceClock clock)
    {
        var why = RequireReason(reason, "A denial");
        MoveTo(RequestState.Denied, actor, clock, why);
        DenialReason = why;
    }

    public void Expire(ComplianceClock clock, string? reason = null) => MoveTo(RequestState.Expired, Actor.System, clock, reason ?? "Retention period ended");

    /// <summary>Extends the due date once, by one or two months counted from the original due date.</summary>
    public void ExtendDueDate(int months, Actor actor, string reason, ComplianceClock clock)
    {
        var why = RequireReason(reason, "An extension");
        if (!RequestLifecycle.IsOpen(State))
        {
            throw new RequestRuleException($"This request is {Describe(State)}; only an open request's due date can be extended.");
        }

        if (IsExtended)
        {
            throw new RequestRuleException($"The due date was already extended to {DueDate:yyyy-MM-dd}; it can be extended only once.");
        }

        DueDate = DueDates.Extend(OriginalDueDate, months);
        ExtendedAt = clock.Now;
        timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.DueDateExtended, State, State, why));
        Version = Guid.NewGuid();
    }

    private void MoveTo(RequestState to, Actor actor, ComplianceClock clock, string? reason)
    {
        if (!RequestLifecycle.CanMove(State, to))
        {
            throw new RequestRuleException($"This request is {Describe(State)} and cannot become {Describe(to)}.");
        }

        timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.StateChanged, State, to, Limit(reason)));
        State = to;
        Version = Guid.NewGuid();
    }

    private void SetReceived(ComplianceClock clock)
    {
        ReceivedAt = clock.Now;
        DueDate = OriginalDueDate = DueDates.ForReceipt(clock.Today);
    }

    private static string RequireReason(string? reason, string what) =>
        string.IsNullOrWhiteSpace(reason)
            ? throw new RequestRuleException($"{what} needs a reason.")
            : Limit(reason)!;

    private static string? Limit(string? reason)
    {
        var trimmed = reason?.Trim();
        if (trimmed?.Length > MaxReasonLength)
        {
            throw new RequestRuleException($"A reason can be at most {MaxReasonLength} characters.");
        }

        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    private static string Describe(RequestState state) => state.ToString().ToLowerInvariant();
}
