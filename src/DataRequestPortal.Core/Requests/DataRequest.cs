using System.Linq.Expressions;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// A data-subject access request. Its state changes only through the methods below, each of which
/// checks <see cref="RequestLifecycle"/> and writes a timeline entry, so the history is complete.
/// </summary>
public sealed class DataRequest
{
    public const int MaxReasonLength = 2000;

    /// <summary>The most places one request reports to; a client repeating its call with yet another target is refused beyond this.</summary>
    public const int MaxReportTargets = 10;

    private readonly List<TimelineEntry> timeline = [];

    private readonly List<RequestReportTarget> reportTargets = [];

    private readonly List<RequestPause> pauses = [];

    private DataRequest()
    {
    }

    public long Id { get; private set; }

    public SubjectType SubjectType { get; private set; }

    public string SubjectId { get; private set; } = "";

    public Subject Subject => Subject.Create(SubjectType, SubjectId);

    public RequestChannel Channel { get; private set; }

    public RequestState State { get; private set; }

    /// <summary>The law whose clock applies: its period, its extension, whether a pause moves the due date.</summary>
    public Regime Regime { get; private set; }

    /// <summary>When the (verified) request was received; the due date is counted from this day.</summary>
    public DateTimeOffset ReceivedAt { get; private set; }

    /// <summary>
    /// The due date with the extension and the paused days counted so far (<see cref="DueDates.For"/>). While the clock
    /// stands still it is the date before this pause; <see cref="DueDateOn"/> says where it stands today.
    /// </summary>
    public DateOnly DueDate { get; private set; }

    /// <summary>The due date from the regime's period alone, before any extension or pause.</summary>
    public DateOnly OriginalDueDate { get; private set; }

    public DateTimeOffset? ExtendedAt { get; private set; }

    public bool IsExtended => ExtendedAt is not null;

    /// <summary>The extension granted: months (GDPR, UK GDPR) or days (CCPA); 0 when not extended.</summary>
    public int Extension { get; private set; }

    /// <summary>The due date the extension replaced, and the one it set (later pauses may move it further).</summary>
    public DateOnly? DueDateBeforeExtension { get; private set; }

    public DateOnly? ExtendedDueDate { get; private set; }

    /// <summary>Why the due date was extended; the subject is told.</summary>
    public string? ExtensionReason { get; private set; }

    /// <summary>Days of stopped clock added to the due date by answered pauses.</summary>
    public int PausedDays { get; private set; }

    /// <summary>Since when the request waits for the subject's answer; null when it does not.</summary>
    public DateTimeOffset? PausedSince { get; private set; }

    /// <summary>The request waits for the subject and its regime lets this wait move the due date: days left stand still.</summary>
    public bool ClockStopped { get; private set; }

    /// <summary>The reason given when the request was cancelled; the subject sees it.</summary>
    public string? CancellationReason { get; private set; }

    /// <summary>Each time the subject was asked something, oldest first.</summary>
    public IReadOnlyList<RequestPause> Pauses => pauses;

    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>When the result is purged; set on completion.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    /// <summary>The reason given when the request was denied; the subject sees it.</summary>
    public string? DenialReason { get; private set; }

    /// <summary>The portal process collecting this request; null when no one holds it.</summary>
    public string? LeaseOwner { get; private set; }

    /// <summary>Until when <see cref="LeaseOwner"/> holds the request; after that another process may take it over.</summary>
    public DateTimeOffset? LeaseExpiresAt { get; private set; }

    /// <summary>Progress of the current or last collection.</summary>
    public CollectionProgress Progress { get; private set; } = CollectionProgress.None;

    /// <summary>
    /// Collected, and no source holds a single record about the subject: the answer is that we hold no personal data.
    /// The collection's count is of everything found, before any review, so a result withheld in full does not count.
    /// </summary>
    public bool FoundNothing => State is RequestState.Completed or RequestState.InReview && (Result ?? OriginalResult) is not null && Progress.Records == 0;

    /// <summary>The result document's size and SHA-256; kept after the file expires, as evidence of what was sent.</summary>
    public ResultFingerprint? Result { get; private set; }

    /// <summary>The collected document as it was before review, when the request was reviewed; never handed out, kept for the audit.</summary>
    public ResultFingerprint? OriginalResult { get; private set; }

    /// <summary>Until when the collected original is kept; null when there is none to keep (or it is gone).</summary>
    public DateTimeOffset? OriginalKeptUntil { get; private set; }

    /// <summary>The source that made the last collection fail, and its error, for staff.</summary>
    public string? FailedSource { get; private set; }

    public string? FailureMessage { get; private set; }

    /// <summary>Changes with every update, so two people acting on the same request cannot overwrite each other.</summary>
    public Guid Version { get; private set; }

    /// <summary>The access token that filed the request through the API; only that token sees it there.</summary>
    public int? ApiTokenId { get; private set; }

    /// <summary>
    /// Staff filed it for an email address and chose to deliver it through the self-service page: the subject who proves
    /// that address sees it there, like a request of their own. Never set on other channels or subject types.
    /// </summary>
    public bool SelfServiceDelivery { get; private set; }

    /// <summary>
    /// The language the subject chose ("nl"), in which their emails and report are written; null for the organisation's
    /// default language (and for requests filed before languages could be chosen).
    /// </summary>
    public string? Language { get; private set; }

    /// <summary>
    /// Whether the self-service pages show this request to the subject who proves its address: one they filed there, or
    /// one staff filed for them to be delivered there. The one rule for their list, downloads, live updates and notices.
    /// </summary>
    public static readonly Expression<Func<DataRequest, bool>> ShownToSubject = r =>
        r.SubjectType == SubjectType.Email
        && (r.Channel == RequestChannel.SelfService || (r.Channel == RequestChannel.Staff && r.SelfServiceDelivery));

    private static readonly Func<DataRequest, bool> IsShownToSubject = ShownToSubject.Compile();

    /// <summary><see cref="ShownToSubject"/> for a loaded request.</summary>
    public bool ShowsToSubject => IsShownToSubject(this);

    /// <summary>Where the result is reported when it is ready (URLs and email addresses), in the order they were given; empty when the client polls.</summary>
    public IReadOnlyList<RequestReportTarget> ReportTargets => reportTargets;

    public IReadOnlyList<TimelineEntry> Timeline => timeline;

    public bool IsOverdue(ComplianceClock clock) => RequestLifecycle.IsOpen(State) && clock.Today > DueDateOn(clock);

    /// <summary>Days until the due date (negative when overdue); frozen while the clock stands still.</summary>
    public int DaysLeft(ComplianceClock clock) => DueDateOn(clock).DayNumber - clock.Today.DayNumber;

    /// <summary>The due date as it stands today: while the clock stands still, each day of waiting moves it a day.</summary>
    public DateOnly DueDateOn(ComplianceClock clock) => DueDateOn(Regime, ReceivedAt, DueDate, Extension, PausedDays, ClockStopped, PausedSince, clock);

    /// <summary>As <see cref="DueDateOn(ComplianceClock)"/>, from the columns alone (for reads that do not load the whole request).</summary>
    internal static DateOnly DueDateOn(
        Regime regime, DateTimeOffset receivedAt, DateOnly dueDate, int extension, int pausedDays, bool clockStopped, DateTimeOffset? pausedSince, ComplianceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return clockStopped && pausedSince is { } since
            ? DueDates.For(regime, clock.DateOf(receivedAt), clock.Holidays, extension, pausedDays + DueDates.PausedDays(clock.DateOf(since), clock.Today))
            : dueDate;
    }

    /// <summary>How many days after its due date the request was completed; 0 when on time or not completed.</summary>
    public int DaysLate(ComplianceClock clock) => DueDates.DaysLate(CompletedAt, DueDate, clock);

    /// <summary>The question the subject has not answered yet, while the request waits for them. Needs <see cref="Pauses"/> loaded.</summary>
    public RequestPause? OpenPause => State == RequestState.AwaitingSubject ? pauses.LastOrDefault(p => p.IsWaiting) : null;

    /// <summary>
    /// Files a new request. Self-service requests start <see cref="RequestState.Unverified"/>; all
    /// others are received at once and start <see cref="RequestState.Queued"/>.
    /// </summary>
    public static DataRequest File(
        long id, Subject subject, RequestChannel channel, Actor actor, ComplianceClock clock, string? note = null, ReportTarget? report = null, Regime? regime = null,
        bool selfServiceDelivery = false, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(subject);
        if (selfServiceDelivery && (channel != RequestChannel.Staff || subject.Type != SubjectType.Email))
        {
            // The self-service page shows a request only to whoever proves its address; a profile id proves nothing.
            throw new RequestRuleException("Only a request staff file for an email address can be delivered through the self-service page.");
        }

        if (report is { Kind: ReportTargetKind.Url } && channel != RequestChannel.Api)
        {
            // A report URL is signed with the filing API client's secret; without a client there is nothing to sign with.
            throw new RequestRuleException("Only API clients can have the result posted to a URL; give an email address instead.");
        }

        if (!DataRequestId.IsWellFormed(id))
        {
            throw new ArgumentOutOfRangeException(nameof(id), id, "Not a data request id.");
        }

        var state = channel == RequestChannel.SelfService ? RequestState.Unverified : RequestState.Queued;
        var request = new DataRequest
        {
            Id = id,
            SubjectType = subject.Type,
            SubjectId = subject.Identifier,
            Channel = channel,
            State = state,
            Regime = regime ?? clock.DefaultRegime,
            SelfServiceDelivery = selfServiceDelivery,
            Language = language,
            Version = Guid.NewGuid(),
        };
        if (report is not null)
        {
            request.reportTargets.Add(new RequestReportTarget(1, report.Value, clock.Now));
        }

        request.SetReceived(clock);
        request.timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.Filed, null, state, Limit(note)));
        return request;
    }

    /// <summary>Files a request through the API: the client's token owns it, and its report target is kept for delivery.</summary>
    public static DataRequest FileForApiClient(long id, Subject subject, ApiClient client, ReportTarget? report, ComplianceClock clock, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        var request = File(id, subject, RequestChannel.Api, client.Actor, clock, report: report, language: language);
        request.ApiTokenId = client.TokenId;
        return request;
    }

    /// <summary>
    /// An API client asked again for this open request with another place to report to: the result goes there too.
    /// The same URL, or the same address in its canonical form, is one target. The request's own token signs reports
    /// to URLs, so only a request an API client filed takes further targets. Needs <see cref="ReportTargets"/> loaded.
    /// </summary>
    public ReportTargetAddition AddReportTarget(ReportTarget target, ComplianceClock clock)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Channel != RequestChannel.Api || ApiTokenId is null)
        {
            throw new RequestRuleException("Only a request an API client filed takes further report targets.");
        }

        if (!RequestLifecycle.IsOpen(State))
        {
            throw new RequestRuleException($"This request is {Describe(State)}; report targets are added only while it is open.");
        }

        if (reportTargets.Any(t => target.IsSameAs(t.Target)))
        {
            return ReportTargetAddition.AlreadyThere;
        }

        if (reportTargets.Count >= MaxReportTargets)
        {
            return ReportTargetAddition.TooMany;
        }

        reportTargets.Add(new RequestReportTarget(reportTargets.Count == 0 ? 1 : reportTargets.Max(t => t.Number) + 1, target.Value, clock.Now));
        return ReportTargetAddition.Added;
    }

    /// <summary>The subject proved the address: the request counts as received now, and its clock starts.</summary>
    public void Verify(Actor actor, ComplianceClock clock)
    {
        MoveTo(RequestState.Queued, actor, clock, "Email address verified");
        SetReceived(clock);
    }

    public void StartCollecting(ComplianceClock clock, int sources)
    {
        MoveTo(RequestState.Collecting, Actor.System, clock, null);
        Progress = CollectionProgress.Start(sources);
    }

    /// <summary>
    /// A collection whose process stopped is taken up again by another: the state stays Collecting, and the
    /// timeline says why the progress starts over.
    /// </summary>
    public void ResumeCollecting(ComplianceClock clock, int sources, string? reason = null)
    {
        if (State != RequestState.Collecting)
        {
            throw new RequestRuleException($"This request is {Describe(State)}; only a collecting request can be resumed.");
        }

        timeline.Add(new TimelineEntry(clock.Now, Actor.System, TimelineEvent.CollectionResumed, State, State, reason ?? "Collection restarted after its process stopped"));
        Progress = CollectionProgress.Start(sources);
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// Notes a manual task's step in the timeline (and so the audit log). The reason names the source, the people and the
    /// counts, never the subject's data.
    /// </summary>
    public void RecordManualTask(TimelineEvent step, Actor actor, ComplianceClock clock, string reason)
    {
        if (step is not (TimelineEvent.ManualTaskCreated or TimelineEvent.ManualTaskUploaded or TimelineEvent.ManualTaskAttested))
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "Not a manual task's step.");
        }

        timeline.Add(new TimelineEntry(clock.Now, actor, step, State, State, Limit(reason)));
    }

    public void Complete(ResultFingerprint result, ComplianceClock clock, TimeSpan retention)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (retention <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(retention), retention, "Retention must be positive.");
        }

        MoveTo(RequestState.Completed, Actor.System, clock, null);
        CompletedAt = clock.Now;
        ExpiresAt = clock.Now + retention;
        Result = result;
        ReleaseLease();
    }

    /// <summary>Collected where review is required: the original waits for a reviewer, and nothing is handed out until release.</summary>
    public void HoldForReview(ResultFingerprint original, ComplianceClock clock)
    {
        ArgumentNullException.ThrowIfNull(original);
        MoveTo(RequestState.InReview, Actor.System, clock, "Collected; waiting for review before release");
        OriginalResult = original;
        ReleaseLease();
    }

    /// <summary>A reviewer's decisions, in counts and reasons (never the content), go into the timeline and the audit log.</summary>
    public void RecordReview(Actor actor, string summary, ComplianceClock clock)
    {
        RequireInReview("reviewed");
        timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.Reviewed, State, State, Limit(RequireReason(summary, "A review"))));
        Version = Guid.NewGuid();
    }

    /// <summary>A reviewer asks for release, which a second officer gives (four eyes).</summary>
    public void RequestRelease(Actor actor, ComplianceClock clock)
    {
        RequireInReview("released");
        timeline.Add(new TimelineEntry(clock.Now, actor, TimelineEvent.ReleaseRequested, State, State, "Release asked for; a second officer releases"));
        Version = Guid.NewGuid();
    }

    /// <summary>
    /// The reviewed document is released: the request completes now (late if past its due date), and the original is kept
    /// for <paramref name="keepOriginal"/> or, when null, until the result expires.
    /// </summary>
    public void Release(ResultFingerprint released, Actor actor, string summary, ComplianceClock clock, TimeSpan retention, TimeSpan? keepOriginal)
    {
        ArgumentNullException.ThrowIfNull(released);
        RequireInReview("released");
        MoveTo(RequestState.Completed, actor, clock, summary);
        CompletedAt = clock.Now;
        ExpiresAt = clock.Now + retention;
        Result = released;
        OriginalKeptUntil = keepOriginal is { } keep ? clock.Now + keep : ExpiresAt;
    }

    /// <summary>The kept original was deleted; its fingerprint stays as evidence.</summary>
    public void ForgetOriginal() => OriginalKeptUntil = null;

    /// <summary>Collection gave up: the request waits for staff to retry it, with the source and error recorded.</summary>
    public void Fail(string source, string error, ComplianceClock clock)
    {
        var why = RequireReason(error, "A failure");
        if (why.Length > MaxReasonLength - 100)
        {
            why = why[..(MaxReasonLength - 100)];
        }

        MoveTo(RequestState.Failed, Actor.System, clock, $"Source '{source}' failed: {why}");
        FailedSource = source;
        FailureMessage = why;
        ReleaseLease();
    }

    public void Retry(Actor actor, ComplianceClock clock, string? reason = null)
    {
        MoveTo(RequestState.Queued, actor, clock, reason ?? "Retried");
        FailedSource = null;
        FailureMessage = null;
        Progress = CollectionProgress.None;
    }

    /// <summary>Closes the request without a result; the reason is recorded and shown to the subject. Needs <see cref="Pauses"/> loaded while awaiting the subject.</summary>
    public void Cancel(Actor actor, ComplianceClock clock, string? reason = null)
    {
        var why = RequireReason(reason, "A cancellation");
        var open = OpenPause;
        MoveTo(RequestState.Cancelled, actor, clock, why);
        CancellationReason = why;
        EndPause(open, actor, clock, answer: null, daysAdded: 0);
    }

    public void Deny(Actor actor, string reason, ComplianceClock clock)
    {
        var why = RequireReason(reason, "A denial");
        var open = OpenPause;
        MoveTo(RequestState.Denied, actor, clock, why);
        DenialReason = why;
        EndPause(open, actor, clock, answer: null, daysAdded: 0);
    }

    /// <summary>
    /// Staff ask the subject for information needed to find or verify them: the request waits (collection stops), and
    /// where the regime allows (<see cref="DueDates.PauseMovesDueDate"/>) its clock stands still until the answer. Not
    /// once the due date has passed: a clock that has run out cannot be stopped. Needs <see cref="Pauses"/> loaded.
    /// </summary>
    public void AskSubject(SubjectQuestion question, string message, Actor actor, ComplianceClock clock)
    {
        var why = RequireReason(message, "A question to the subject");
        if (State == RequestState.AwaitingSubject)
        {
            throw new RequestRuleException("This request already waits for the subject's answer; record the answer before asking something else.");
        }

        if (RequestLifecycle.IsOpen(State) && IsOverdue(clock))
        {
            throw new RequestRuleException(
                $"This request was due on {DueDate:d MMM yyyy} and is overdue; asking the subject now cannot stop a clock that has run out. Answer the request as soon as you can.");
        }

        MoveTo(RequestState.AwaitingSubject, actor, clock, why);
        PausedSince = clock.Now;
        ClockStopped = DueDates.PauseMovesDueDate(Regime, question);
        pauses.Add(new RequestPause(pauses.Count == 0 ? 1 : pauses.Max(p => p.Number) + 1, question, why, clock.Now, actor, ClockStopped));
        ReleaseLease();
    }

    /// <summary>
    /// The subject answered (on their page, or another way and staff record it): the request is queued again, and the
    /// days the clock stood still move the due date. Needs <see cref="Pauses"/> loaded.
    /// </summary>
    public void RecordAnswer(string answer, Actor actor, ComplianceClock clock)
    {
        if (State != RequestState.AwaitingSubject)
        {
            throw new RequestRuleException($"This request is {Describe(State)}, not waiting for the subject's answer.");
        }

        var text = RequireReason(answer, "An answer");
        var open = OpenPause ?? throw new InvalidOperationException("Load the request's pauses before recording an answer.");
        var days = ClockStopped && PausedSince is { } since ? DueDates.PausedDays(clock.DateOf(since), clock.Today) : 0;
        MoveTo(RequestState.Queued, actor, clock, text);
        PausedDays += days;
        EndPause(open, actor, clock, text, days);
        DueDate = DueDates.For(Regime, clock.DateOf(ReceivedAt), clock.Holidays, Extension, PausedDays);
    }

    public void Expire(ComplianceClock clock, string? reason = null) => MoveTo(RequestState.Expired, Actor.System, clock, reason ?? "Retention period ended");

    /// <summary>Someone had the result deleted before the retention period ended (an API client's DELETE).</summary>
    public void Expire(Actor actor, ComplianceClock clock, string reason)
    {
        MoveTo(RequestState.Expired, actor, clock, RequireReason(reason, "Deleting a result early"));
        ExpiresAt = clock.Now;
    }

    /// <summary>
    /// Extends the due date once, by as much as the regime allows (<see cref="DueDates.Extension"/>): months for GDPR and
    /// UK GDPR, days for CCPA. Only until the due date has passed: an overdue request stays overdue.
    /// </summary>
    public void ExtendDueDate(int amount, Actor actor, string reason, ComplianceClock clock)
    {
        var why = RequireReason(reason, "An extension");
        if (!RequestLifecycle.IsOpen(State))
        {
            throw new RequestRuleException($"This request is {Describe(State)}; only an open request's due date can be extended.");
        }

        if (IsExtended)
        {
            throw new RequestRuleException($"The due date was already extended to {ExtendedDueDate ?? DueDate:yyyy-MM-dd}; it can be extended only once.");
        }

        DueDates.CheckExtension(Regime, amount);
        var due = DueDateOn(clock);
        if (!DueDates.CanExtendOn(clock.Today, due))
        {
            var late = clock.Today.DayNumber - due.DayNumber;
            throw new RequestRuleException(
                $"This request was due on {due:d MMM yyyy} and is {late} {(late == 1 ? "day" : "days")} overdue. A due date can be extended only before it has passed, " +
                "so the request stays overdue: answer the subject as soon as you can.");
        }

        Extension = amount;
        ExtendedAt = clock.Now;
        ExtensionReason = why;
        DueDateBeforeExtension = due;
        DueDate = DueDates.For(Regime, clock.DateOf(ReceivedAt), clock.Holidays, Extension, PausedDays);
        ExtendedDueDate = DueDateOn(clock);
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
        if (State == RequestState.InReview && to != RequestState.Completed)
        {
            // Refused or cancelled in review: the original is deleted at the next clean-up.
            OriginalKeptUntil = clock.Now;
        }

        State = to;
        Version = Guid.NewGuid();
        if (RequestLifecycle.IsFinal(to))
        {
            ReleaseLease();
        }
    }

    private void RequireInReview(string what)
    {
        if (State != RequestState.InReview)
        {
            throw new RequestRuleException($"This request is {Describe(State)}; only a request in review can be {what}.");
        }
    }

    private void EndPause(RequestPause? pause, Actor actor, ComplianceClock clock, string? answer, int daysAdded)
    {
        pause?.End(clock.Now, actor, answer, daysAdded);
        PausedSince = null;
        ClockStopped = false;
    }

    private void ReleaseLease()
    {
        LeaseOwner = null;
        LeaseExpiresAt = null;
    }

    private void SetReceived(ComplianceClock clock)
    {
        ReceivedAt = clock.Now;
        DueDate = OriginalDueDate = DueDates.For(Regime, clock.Today, clock.Holidays);
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

/// <summary>What <see cref="DataRequest.AddReportTarget"/> did.</summary>
public enum ReportTargetAddition
{
    Added,
    AlreadyThere,

    /// <summary>Refused: the request has <see cref="DataRequest.MaxReportTargets"/> already.</summary>
    TooMany,
}
