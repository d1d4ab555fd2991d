namespace DataRequestPortal.Core.Sources.Platform;

// The platform store: the organisation's own mailing data, in the portal's database. Email addresses are stored
// lower-case (as Subject canonicalises them), so look-ups are exact matches on an index.

/// <summary>A person in a mailing database, with the fields the organisation keeps about them.</summary>
public sealed class PlatformProfile
{
    public long Id { get; set; }

    public string Database { get; set; } = "";

    public string Email { get; set; } = "";

    /// <summary>The profile's fields as a JSON object (name, city, preferences, ...).</summary>
    public string FieldsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

/// <summary>A record under a profile in one of its collections (orders, memberships, ...).</summary>
public sealed class PlatformSubprofile
{
    public long Id { get; set; }

    public long ProfileId { get; set; }

    public string Collection { get; set; } = "";

    public string? Email { get; set; }

    public string FieldsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset ModifiedAt { get; set; }
}

/// <summary>A mail that was sent: the complete MIME message and its HTML and text versions.</summary>
public sealed class PlatformMessage
{
    public long Id { get; set; }

    public string Recipient { get; set; } = "";

    public long? ProfileId { get; set; }

    public long? SubprofileId { get; set; }

    public string Sender { get; set; } = "";

    public string Subject { get; set; } = "";

    public string Campaign { get; set; } = "";

    public DateTimeOffset SentAt { get; set; }

    public string Mime { get; set; } = "";

    public string? Html { get; set; }

    public string? Text { get; set; }
}

/// <summary>A file attached to a sent mail.</summary>
public sealed class PlatformAttachment
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; set; } = "";

    public byte[] Content { get; set; } = [];
}

public enum PlatformEventKind
{
    Open,
    Click,
}

/// <summary>An open or a click of a sent mail; the address and ids are copied from the message for direct look-up.</summary>
public sealed class PlatformEvent
{
    public long Id { get; set; }

    public long MessageId { get; set; }

    public string Recipient { get; set; } = "";

    public long? ProfileId { get; set; }

    public long? SubprofileId { get; set; }

    public PlatformEventKind Kind { get; set; }

    public DateTimeOffset At { get; set; }

    public string? IpAddress { get; set; }

    public string? UserAgent { get; set; }

    /// <summary>The link followed; clicks only.</summary>
    public string? Url { get; set; }
}

/// <summary>A filled-in survey.</summary>
public sealed class PlatformSurveyAnswer
{
    public long Id { get; set; }

    public string Survey { get; set; } = "";

    public string Email { get; set; } = "";

    public long? ProfileId { get; set; }

    public long? SubprofileId { get; set; }

    public DateTimeOffset SubmittedAt { get; set; }

    /// <summary>Question → answer, as a JSON object.</summary>
    public string AnswersJson { get; set; } = "{}";
}
