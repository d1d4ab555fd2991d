using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Delivery;

/// <summary>What a delivery carries: the result itself to an API client or staff-given address, or a notice to a data subject.</summary>
public enum DeliveryKind
{
    /// <summary>The result JSON (or a link to it) to the report target of an API or staff filing.</summary>
    Result,

    /// <summary>To a self-service subject: we received your request (or staff filed one for you), due by …, follow it on the page.</summary>
    Receipt,

    /// <summary>To a self-service subject: your data is ready; sign in to download it. No data in the mail.</summary>
    ReadyNotice,

    /// <summary>To a self-service subject: your request was closed without a result (denied or cancelled), why, and where to complain.</summary>
    ClosedNotice,

    /// <summary>To a self-service subject: the due date was extended, to when, and why (Art. 12(3)).</summary>
    ExtensionNotice,

    /// <summary>To a self-service subject: staff ask something before going on; <see cref="ReportDelivery.TargetNumber"/> is the pause's number.</summary>
    QuestionNotice,

    /// <summary>To an officer or admin: the daily digest of requests that need them (<see cref="ReportDelivery.StaffDigestMailId"/>); no request of its own.</summary>
    StaffDigest,
    /// <summary>To a manual task's assignee: a search by hand waits for them; <see cref="ReportDelivery.TargetNumber"/> is the task's number.</summary>
    TaskNotice,
}

public enum DeliveryState
{
    Pending,
    Delivered,
    GaveUp,
}

/// <summary>
/// The result of a request on its way to one of its report targets (a URL or an email address), or a notice on its way to a
/// data subject: kept with every attempt, so staff can see when each was told, or why it never was.
/// </summary>
public sealed class ReportDelivery
{
    public const int MaxErrorLength = 1000;

    private readonly List<DeliveryAttempt> attempts = [];

    private ReportDelivery()
    {
    }

    public long Id { get; private set; }

    /// <summary>The request whose result or notice this is; null for a staff digest, which concerns many.</summary>
    public long? DataRequestId { get; private set; }

    /// <summary>The digest this delivery sends (<see cref="DeliveryKind.StaffDigest"/>); null otherwise.</summary>
    public long? StaffDigestMailId { get; private set; }

    /// <summary>The token whose secret signs the report; null for a request staff filed with an email target.</summary>
    public int? ApiTokenId { get; private set; }

    public string Target { get; private set; } = "";

    public DeliveryKind Kind { get; private set; }

    public DeliveryState State { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When the next attempt is due; while one is under way, when another process may take it over.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    public DateTimeOffset? FinishedAt { get; private set; }

    /// <summary>Changes with every update, so two processes cannot both send the same attempt.</summary>
    public Guid Version { get; private set; }

    public IReadOnlyList<DeliveryAttempt> Attempts => attempts;

    /// <summary>
    /// Which of the request's report targets this delivery serves (<see cref="RequestReportTarget.Number"/>); for a
    /// question to the subject, which pause (<see cref="RequestPause.Number"/>); 0 for other notices.
    /// </summary>
    public int TargetNumber { get; private set; }

    /// <summary>The result of the request with <paramref name="apiTokenId"/>'s token (null for staff) on its way to one of its report targets.</summary>
    public static ReportDelivery For(long requestId, int? apiTokenId, RequestReportTarget target, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (apiTokenId is null && target.IsUrl)
        {
            throw new ArgumentException("A report URL is signed with an API token's secret; this request has none.", nameof(apiTokenId));
        }

        return new ReportDelivery
        {
            DataRequestId = requestId,
            ApiTokenId = apiTokenId,
            Target = target.Target,
            TargetNumber = target.Number,
            State = DeliveryState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>A notice to the data subject whose self-service page shows <paramref name="request"/>, sent to its address.</summary>
    public static ReportDelivery Notice(DataRequest request, DeliveryKind kind, DateTimeOffset now, int number = 0)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (kind == DeliveryKind.Result || !CanNotify(request))
        {
            throw new ArgumentException("Notices go to data subjects whose self-service page shows the request.", nameof(request));
        }

        return new ReportDelivery
        {
            DataRequestId = request.Id,
            Target = request.SubjectId,
            Kind = kind,
            TargetNumber = number,
            State = DeliveryState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>A staff member's daily digest on its way to their <paramref name="address"/>.</summary>
    public static ReportDelivery Digest(StaffDigestMail mail, string address, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentException.ThrowIfNullOrEmpty(address);
        return new ReportDelivery
        {
            DigestMail = mail,
            Target = address,
            Kind = DeliveryKind.StaffDigest,
            State = DeliveryState.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
            Version = Guid.NewGuid(),
        };
    }

    /// <summary>The digest sent, when loaded; a new digest and its delivery are saved together through it.</summary>
    public StaffDigestMail? DigestMail { get; private set; }
    /// <summary>A manual task's notice to a member of staff it is assigned to.</summary>
    public static ReportDelivery TaskNotice(long requestId, string address, int taskNumber, DateTimeOffset now) => new()
    {
        DataRequestId = requestId,
        Target = address,
        Kind = DeliveryKind.TaskNotice,
        TargetNumber = taskNumber,
        State = DeliveryState.Pending,
        CreatedAt = now,
        NextAttemptAt = now,
        Version = Guid.NewGuid(),
    };

    /// <summary>
    /// Whether the request's subject gets notices: only one whose self-service page shows it (<see cref="DataRequest.ShownToSubject"/>),
    /// so every notice points at a page where they see the request once they prove the address.
    /// </summary>
    public static bool CanNotify(DataRequest request) => request?.ShowsToSubject ?? throw new ArgumentNullException(nameof(request));

    /// <summary>Takes the delivery for one attempt; if this process stops mid-way, another retries after <paramref name="hold"/>.</summary>
    public void Claim(DateTimeOffset now, TimeSpan hold)
    {
        NextAttemptAt = now + hold;
        Version = Guid.NewGuid();
    }

    /// <summary>Logs an attempt and decides what follows: done on a 2xx, a retry with back-off, or giving up.</summary>
    public void Record(DateTimeOffset at, DeliveryOutcome outcome, DeliveryOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        var error = outcome.Error is { Length: > MaxErrorLength } text ? text[..MaxErrorLength] : outcome.Error;
        attempts.Add(new DeliveryAttempt(attempts.Count + 1, at, outcome.StatusCode, error, (long)outcome.Duration.TotalMilliseconds));
        Version = Guid.NewGuid();

        if (outcome.Succeeded)
        {
            Finish(DeliveryState.Delivered, now);
            return;
        }

        var next = now + options.RetryDelay(attempts.Count);
        if (outcome.IsFinal || next > CreatedAt + options.GiveUpAfter)
        {
            Finish(DeliveryState.GaveUp, now);
            return;
        }

        NextAttemptAt = next;
    }

    private void Finish(DeliveryState state, DateTimeOffset now)
    {
        State = state;
        FinishedAt = now;
    }
}

/// <summary>One try at delivering a report: when, how long it took, and the receiver's status code or why there was none.</summary>
public sealed class DeliveryAttempt
{
    internal DeliveryAttempt(int number, DateTimeOffset at, int? statusCode, string? error, long durationMilliseconds)
    {
        Number = number;
        At = at;
        StatusCode = statusCode;
        Error = error;
        DurationMilliseconds = durationMilliseconds;
    }

    public long Id { get; private set; }

    public long ReportDeliveryId { get; private set; }

    public int Number { get; private set; }

    public DateTimeOffset At { get; private set; }

    public int? StatusCode { get; private set; }

    public string? Error { get; private set; }

    public long DurationMilliseconds { get; private set; }
}

/// <summary>What one attempt came to; <see cref="IsFinal"/> when trying again cannot help (a refused target, a purged result).</summary>
public sealed record DeliveryOutcome(int? StatusCode, string? Error, TimeSpan Duration, bool IsFinal = false)
{
    public bool Succeeded => StatusCode is >= 200 and < 300;

    public static DeliveryOutcome Refused(string reason) => new(null, reason, TimeSpan.Zero, IsFinal: true);
}
