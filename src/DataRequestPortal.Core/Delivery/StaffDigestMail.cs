namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// One staff member's daily digest for one organisation day, kept once: the unique (user, day) row is what stops a
/// restart, a second portal process or a retry from sending that day's digest twice. A day with nothing to report
/// is kept too, with no text and no delivery, so the day is decided once.
/// </summary>
public sealed class StaffDigestMail
{
    private StaffDigestMail()
    {
    }

    public StaffDigestMail(string userId, DateOnly day, int requestCount, string? text, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        ArgumentOutOfRangeException.ThrowIfNegative(requestCount);
        UserId = userId;
        Day = day;
        RequestCount = requestCount;
        Text = requestCount == 0 ? null : text;
        CreatedAt = createdAt;
    }

    public long Id { get; private set; }

    /// <summary>The staff account (<see cref="Identity.PortalUser"/>) the digest is for.</summary>
    public string UserId { get; private set; } = "";

    /// <summary>The organisation's day the digest covers.</summary>
    public DateOnly Day { get; private set; }

    /// <summary>How many requests it lists; 0 when there was nothing to report and nothing was sent.</summary>
    public int RequestCount { get; private set; }

    /// <summary>The mail's text as composed at the hour, so a retry sends what was counted; no subject data.</summary>
    public string? Text { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
