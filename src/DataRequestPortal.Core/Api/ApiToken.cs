using System.Security.Cryptography;
using System.Text;

namespace DataRequestPortal.Core.Api;

/// <summary>
/// An access token another system uses to call the REST API. Only the SHA-256 of the token is stored; the token
/// itself is shown once, when it is issued. A revoked token stays on record, so the requests it filed keep their owner.
/// </summary>
public sealed class ApiToken
{
    public const int MaxNameLength = 100;

    /// <summary>Every token starts with this, so a leaked one is recognisable in logs and by secret scanners.</summary>
    public const string Prefix = "drp_";

    private const int RandomBytes = 32;

    private ApiToken()
    {
    }

    public int Id { get; private set; }

    /// <summary>Who uses the token (for example the CRM); shown as the actor in the timelines of its requests.</summary>
    public string Name { get; private set; } = "";

    /// <summary>Lower-case hex SHA-256 of the whole token.</summary>
    public string TokenHash { get; private set; } = "";

    /// <summary>Key for signing the reports sent to this client's callback URLs; handed over once, with the token, so the client can check them.</summary>
    public string SigningSecret { get; private set; } = "";

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public DateTimeOffset? LastUsedAt { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>A new token for <paramref name="name"/>: the entity to store, and the token to hand over once.</summary>
    public static (ApiToken Token, string PlainText) Issue(string name, DateTimeOffset now)
    {
        if (NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        var trimmed = name.Trim();

        var plainText = Prefix + Base64Url(RandomNumberGenerator.GetBytes(RandomBytes));
        var token = new ApiToken
        {
            Name = trimmed,
            TokenHash = HashOf(plainText),
            SigningSecret = Base64Url(RandomNumberGenerator.GetBytes(RandomBytes)),
            CreatedAt = now,
        };
        return (token, plainText);
    }

    /// <summary>Why <paramref name="name"/> cannot name a token, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "A token needs a name."
        : name.Trim().Length > MaxNameLength ? $"A token name can be at most {MaxNameLength} characters."
        : null;

    /// <summary>
    /// The stored form of a token. A plain SHA-256 suffices: the token is 256 random bits, so there is nothing to
    /// guess, and the hash can be looked up directly.
    /// </summary>
    public static string HashOf(string plainText) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainText)));

    public void Revoke(DateTimeOffset now) => RevokedAt ??= now;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
