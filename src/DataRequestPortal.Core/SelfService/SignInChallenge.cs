namespace DataRequestPortal.Core.SelfService;

/// <summary>What the subject wants once the address is proven.</summary>
public enum SignInPurpose
{
    /// <summary>Ask for a copy of their data (or see the request already under way).</summary>
    FileRequest,

    /// <summary>Only see their requests, for example after the "your data is ready" email.</summary>
    ViewRequests,
}

/// <summary>
/// One emailed code and sign-in link for an address. Only hashes are stored: the code's under the portal's secret
/// key, the link token's and the asking browser's plainly (both are 256 random bits). The code and link work once,
/// until <see cref="ExpiresAt"/>, in the browser that asked, and not after <see cref="SelfServiceOptions.MaxWrongAttempts"/> wrong codes.
/// </summary>
public sealed class SignInChallenge
{
    public const int HashLength = 32;

    private SignInChallenge()
    {
    }

    internal SignInChallenge(Guid id, string email, SignInPurpose purpose, byte[] codeHash, byte[] linkHash, byte[] browserHash, byte[]? clientHash, DateTimeOffset now, TimeSpan lifetime)
    {
        Id = id;
        Email = email;
        Purpose = purpose;
        CodeHash = codeHash;
        LinkHash = linkHash;
        BrowserHash = browserHash;
        ClientHash = clientHash;
        CreatedAt = now;
        ExpiresAt = now + lifetime;
    }

    public Guid Id { get; private set; }

    /// <summary>The address in lower case, as the request will be filed for it.</summary>
    public string Email { get; private set; } = "";

    public SignInPurpose Purpose { get; private set; }

    public byte[] CodeHash { get; private set; } = [];

    public byte[] LinkHash { get; private set; } = [];

    /// <summary>The hash of the secret kept in the asking browser's cookie.</summary>
    public byte[] BrowserHash { get; private set; } = [];

    /// <summary>The keyed hash of the asking client's IP address, for the per-client limit; the address itself is not kept.</summary>
    public byte[]? ClientHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public int WrongAttempts { get; private set; }

    public DateTimeOffset? UsedAt { get; private set; }
}
