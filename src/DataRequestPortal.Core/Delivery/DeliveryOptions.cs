namespace DataRequestPortal.Core.Delivery;

/// <summary>How results are reported to API clients' URLs and email addresses (configuration section <c>Delivery</c>).</summary>
public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>Allows targets on loopback and private networks; off by default, so a client cannot make the portal probe its own network.</summary>
    public bool AllowPrivateNetworkTargets { get; set; }

    /// <summary>Seconds one attempt may take, from connecting to the receiver's answer.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>Minutes before the first retry; each later wait doubles, up to <see cref="MaxRetryMinutes"/>.</summary>
    public double FirstRetryMinutes { get; set; } = 1;

    public double MaxRetryMinutes { get; set; } = 240;

    /// <summary>Hours after the first attempt in which retries are made; after that the delivery is given up.</summary>
    public double GiveUpAfterHours { get; set; } = 24;

    /// <summary>Seconds between looks for due deliveries; a completed request is picked up at once within this process.</summary>
    public double PollSeconds { get; set; } = 15;

    /// <summary>Largest result attached to a report email; a larger one is sent as a download link.</summary>
    public long MaxAttachmentBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>
    /// The key that signs download links, at least 32 characters and the same for every portal process; when empty,
    /// a random key is made once and kept beside the results (<c>Results:Path</c>).
    /// </summary>
    public string? LinkKey { get; set; }

    public TimeSpan Timeout => TimeSpan.FromSeconds(TimeoutSeconds);

    public TimeSpan GiveUpAfter => TimeSpan.FromHours(GiveUpAfterHours);

    /// <summary>The wait after the <paramref name="failedAttempts"/>-th failed attempt.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var minutes = FirstRetryMinutes * Math.Pow(2, Math.Max(0, failedAttempts - 1));
        return TimeSpan.FromMinutes(Math.Min(minutes, MaxRetryMinutes));
    }
}
