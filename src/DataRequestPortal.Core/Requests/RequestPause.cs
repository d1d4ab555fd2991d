namespace DataRequestPortal.Core.Requests;

/// <summary>
/// One time staff asked the subject something and waited: the question, when it was asked and by whom, whether the
/// clock stood still meanwhile, and how it ended (the answer and who recorded it, or the request closed unanswered).
/// </summary>
public sealed class RequestPause
{
    private RequestPause()
    {
    }

    internal RequestPause(int number, SubjectQuestion question, string message, DateTimeOffset askedAt, Actor askedBy, bool clockStopped)
    {
        Number = number;
        Question = question;
        Message = message;
        AskedAt = askedAt;
        AskedByKind = askedBy.Kind;
        AskedBy = askedBy.Name;
        ClockStopped = clockStopped;
    }

    public long Id { get; private set; }

    public long DataRequestId { get; private set; }

    /// <summary>1 for the first question on a request, 2 for the next, and so on.</summary>
    public int Number { get; private set; }

    public SubjectQuestion Question { get; private set; }

    /// <summary>What the subject was asked; they see it on their page and in the email.</summary>
    public string Message { get; private set; } = "";

    public DateTimeOffset AskedAt { get; private set; }

    public ActorKind AskedByKind { get; private set; }

    public string AskedBy { get; private set; } = "";

    /// <summary>Whether the regime let this pause move the due date (see <see cref="DueDates.PauseMovesDueDate"/>).</summary>
    public bool ClockStopped { get; private set; }

    /// <summary>When the wait ended: answered, or the request closed; null while waiting.</summary>
    public DateTimeOffset? EndedAt { get; private set; }

    /// <summary>The subject's answer, as they gave it or as staff recorded it; null when the request closed unanswered.</summary>
    public string? Answer { get; private set; }

    public ActorKind? EndedByKind { get; private set; }

    public string? EndedBy { get; private set; }

    /// <summary>Days this pause added to the due date (0 where the regime does not stop the clock).</summary>
    public int DaysAdded { get; private set; }

    public bool IsWaiting => EndedAt is null;

    internal void End(DateTimeOffset at, Actor by, string? answer, int daysAdded)
    {
        EndedAt = at;
        EndedByKind = by.Kind;
        EndedBy = by.Name;
        Answer = answer;
        DaysAdded = daysAdded;
    }
}
