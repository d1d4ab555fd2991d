namespace DataRequestPortal.Core.Identity;

/// <summary>
/// A counter of staff sign-in attempts for one key: a client and the address typed, a known browser and the address,
/// or a client alone. Keys hold keyed hashes, never an address or IP address. A client's row also folds its audit
/// entries: the first few attempts of a burst are written one by one, the rest as one entry with a count.
/// </summary>
public sealed class SignInThrottle
{
    public const int KeyLength = 80;

    private SignInThrottle()
    {
    }

    internal SignInThrottle(string key) => Key = key;

    public string Key { get; private set; } = "";

    /// <summary>Attempts that did not succeed since the counter was last idle for <see cref="SignInThrottlePolicy.IdleReset"/>.</summary>
    public int Failures { get; internal set; }

    public DateTimeOffset? LastAttemptAt { get; internal set; }

    public DateTimeOffset? BlockedUntil { get; internal set; }

    /// <summary>Start of the current burst of audit entries (client rows).</summary>
    public DateTimeOffset? FoldStart { get; internal set; }

    /// <summary>Attempts of this burst written to the audit log one by one.</summary>
    public int Logged { get; internal set; }

    /// <summary>Attempts of this burst counted but not yet written; they go into one entry when the burst ends.</summary>
    public int Unlogged { get; internal set; }

    public DateTimeOffset? UnloggedFrom { get; internal set; }

    public DateTimeOffset? UnloggedTo { get; internal set; }

    /// <summary>The client's address as the audit log shows it (the log names it anyway), for the folded entry.</summary>
    public string? Client { get; internal set; }

    /// <summary>The address typed last in this burst, for the folded entry.</summary>
    public string? LastTarget { get; internal set; }

    /// <summary>Changed on every update, so two attempts at the same moment cannot both count from the same state.</summary>
    public Guid Version { get; internal set; }
}
