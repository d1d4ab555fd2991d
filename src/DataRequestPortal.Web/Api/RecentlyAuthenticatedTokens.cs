using System.Collections.Concurrent;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Hashes of the tokens that authenticated in the last few minutes, so the rate limiter (which runs before the token is
/// checked) can leave a real client's calls out of its address's count: a made-up token is never here. Only a hint for
/// counting: every call's token is still checked (<see cref="Core.Api.ApiTokens.CheckHashAsync"/>), which refuses a revoked one.
/// </summary>
public sealed class RecentlyAuthenticatedTokens(TimeProvider time)
{
    /// <summary>How long a token counts as known after its last successful call.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>Tokens are issued by admins, so there are few; the bound only keeps memory flat whatever happens.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> lastSeen = new(StringComparer.Ordinal);

    public bool Contains(string tokenHash) =>
        lastSeen.TryGetValue(tokenHash, out var at) && time.GetUtcNow() - at < Lifetime;

    public void Authenticated(string tokenHash)
    {
        var now = time.GetUtcNow();
        if (!lastSeen.ContainsKey(tokenHash) && lastSeen.Count >= Capacity)
        {
            foreach (var (hash, at) in lastSeen)
            {
                if (now - at >= Lifetime)
                {
                    lastSeen.TryRemove(hash, out _);
                }
            }

            if (lastSeen.Count >= Capacity)
            {
                // Full of live tokens: this one is counted by address until room is made.
                return;
            }
        }

        lastSeen[tokenHash] = now;
    }

    /// <summary>A token that was refused (revoked, or unknown) is counted by address again from its next call.</summary>
    public void Refused(string tokenHash) => lastSeen.TryRemove(tokenHash, out _);
}
