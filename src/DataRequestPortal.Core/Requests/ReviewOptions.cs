namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The <c>Review</c> configuration section: which channels' results a person reviews before release (Art. 15(4)), the
/// reasons a reviewer may give, whether release needs a second officer, and how long the collected original is kept.
/// </summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    public ReviewChannels Required { get; set; } = new();

    /// <summary>Release needs a second officer: not the one who asked for it, nor one who made the decisions.</summary>
    public bool FourEyes { get; set; }

    /// <summary>Days the collected original is kept after release, for the audit; null keeps it until the result expires.</summary>
    public int? KeepOriginalDays { get; set; }

    /// <summary>The reasons a reviewer chooses from; empty means <see cref="DefaultReasons"/>.</summary>
    public List<ReviewReason> Reasons { get; set; } = [];

    public static IReadOnlyList<ReviewReason> DefaultReasons { get; } =
    [
        new() { Key = "third-party", Label = "Third-party data (Art. 15(4) GDPR)", Marker = "third-party data" },
        new() { Key = "privilege", Label = "Legal privilege", Marker = "legal privilege" },
        new() { Key = "trade-secret", Label = "Trade secrets", Marker = "trade secret" },
        new() { Key = "other", Label = "Other", Marker = "other", NeedsText = true },
    ];

    /// <summary>The configured reasons, or the defaults when none are configured (a bound list would add to defaults, not replace them).</summary>
    public IReadOnlyList<ReviewReason> EffectiveReasons => Reasons.Count > 0 ? Reasons : DefaultReasons;

    public bool IsRequired(RequestChannel channel) => channel switch
    {
        RequestChannel.Staff => Required.Staff,
        RequestChannel.SelfService => Required.SelfService,
        RequestChannel.Api => Required.Api,
        _ => true,
    };
}

/// <summary>Review per channel: staff and self-service on, the API off (its client is usually the controller reviewing for itself).</summary>
public sealed class ReviewChannels
{
    public bool Staff { get; set; } = true;

    public bool SelfService { get; set; } = true;

    public bool Api { get; set; }
}

/// <summary>One reason a reviewer may give; <see cref="Marker"/> is what replaces a redacted value: <c>[withheld: marker]</c>.</summary>
public sealed class ReviewReason
{
    public string Key { get; set; } = "";

    public string Label { get; set; } = "";

    public string Marker { get; set; } = "";

    /// <summary>The reviewer must write the reason out (for "other").</summary>
    public bool NeedsText { get; set; }
}
