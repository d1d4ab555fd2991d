namespace DataRequestPortal.Core.Review;

/// <summary>
/// One reviewer's decision on a record of a collected result: withhold the whole record (<see cref="Field"/> empty) or
/// redact one field, with a reason. Records are named by their place in the collected original, which never changes.
/// </summary>
public sealed class ReviewDecision
{
    public const int MaxFieldLength = 400;
    public const int MaxTextLength = 500;

    private ReviewDecision()
    {
    }

    public ReviewDecision(long requestId, int category, int record, string field, string reasonKey, string? reasonText, string decidedBy, DateTimeOffset decidedAt)
    {
        DataRequestId = requestId;
        Category = category;
        Record = record;
        Field = field;
        ReasonKey = reasonKey;
        ReasonText = string.IsNullOrWhiteSpace(reasonText) ? null : reasonText.Trim();
        DecidedBy = decidedBy;
        DecidedAt = decidedAt;
    }

    public long Id { get; private set; }

    public long DataRequestId { get; private set; }

    /// <summary>The position of the record's category in the original's <c>data</c>.</summary>
    public int Category { get; private set; }

    /// <summary>The record's position in its category.</summary>
    public int Record { get; private set; }

    /// <summary>The redacted field's path (<c>fields.city</c>, <c>tags[0]</c>); empty when the whole record is withheld.</summary>
    public string Field { get; private set; } = "";

    public bool WithholdsRecord => Field.Length == 0;

    public string ReasonKey { get; private set; } = "";

    /// <summary>The reviewer's words, where the reason asks for them ("other").</summary>
    public string? ReasonText { get; private set; }

    public string DecidedBy { get; private set; } = "";

    public DateTimeOffset DecidedAt { get; private set; }
}
