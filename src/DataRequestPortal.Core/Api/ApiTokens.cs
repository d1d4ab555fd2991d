using System.Collections.Concurrent;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Api;

public enum ApiTokenStatus
{
    Unknown,
    Revoked,
    Active,
}

/// <summary>What a presented token turned out to be; <see cref="Client"/> is set only for an active token.</summary>
public sealed record ApiTokenCheck(ApiTokenStatus Status, ApiClient? Client);

/// <summary>A freshly issued token: the plain text exists only here, to be shown once.</summary>
public sealed record IssuedApiToken(int Id, string Name, string PlainText, string SigningSecret, DateTimeOffset CreatedAt);

/// <summary>A token as administrators see it in the list: never its plain text, hash or secret.</summary>
public sealed record ApiTokenSummary(int Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Issues, lists, checks and revokes API access tokens; issuing and revoking are recorded in the audit log.</summary>
public sealed class ApiTokens(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Last use is written at most this often per token, so busy clients do not turn every call into a write.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long this process relies on what it last read about an active token. A revocation made in this process
    /// applies to the very next call; one made by another portal process sharing the database, within this time.
    /// </summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(1);

    // Keyed by the token's hash, like the database; only tokens the portal issued get in, so it stays small.
    private readonly ConcurrentDictionary<string, KnownToken> known = new(StringComparer.Ordinal);

    /// <param name="issuedBy">The admin who asked for it; the system when an operator uses the command line.</param>
    public async Task<IssuedApiToken> IssueAsync(string name, Actor? issuedBy = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        if (ApiToken.NameProblem(name) is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);

        // The entry names the token's id, known only once it is saved; both are kept, or neither. A retried attempt
        // (SQL Server's transient faults) starts over with a fresh token.
        IssuedApiToken? issued = null;
        await db.Database.CreateExecutionStrategy().ExecuteInTransactionAsync(
            async ct =>
            {
                db.ChangeTracker.Clear();
                var (token, plainText) = ApiToken.Issue(name, now);
                db.ApiTokens.Add(token);
                await db.SaveChangesAsync(ct);
                db.AuditEntries.Add(new AuditEntry(now, issuedBy ?? Actor.System, AuditAction.TokenCreated, target: Target(token)));
                await db.SaveChangesAsync(ct);
                issued = new IssuedApiToken(token.Id, token.Name, plainText, token.SigningSecret, token.CreatedAt);
            },
            _ => Task.FromResult(false),
            cancellationToken);
        return issued!;
    }

    /// <summary>Every token, newest first; active and revoked alike, since revoked ones still own their requests.</summary>
    public async Task<IReadOnlyList<ApiTokenSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ApiTokens.AsNoTracking()
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.CreatedAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(cancellationToken);

        // Sorted here: SQLite cannot order by a DateTimeOffset column.
        return [.. tokens.OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)];
    }

    /// <summary>Finds the token and, when it is active, records that it was used.</summary>
    public Task<ApiTokenCheck> CheckAsync(string? presented, CancellationToken cancellationToken = default) =>
        string.IsNullOrWhiteSpace(presented)
            ? Task.FromResult(new ApiTokenCheck(ApiTokenStatus.Unknown, null))
            : CheckHashAsync(ApiToken.HashOf(presented.Trim()), cancellationToken);

    /// <summary>
    /// <see cref="CheckAsync"/> for a token already hashed (<see cref="ApiToken.HashOf"/>). What the database said is
    /// trusted for <see cref="RecheckAfter"/>, so a busy client costs a read a second instead of one a call.
    /// </summary>
    public async Task<ApiTokenCheck> CheckHashAsync(string tokenHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokenHash);
        var now = time.GetUtcNow();

        // Timed on the monotonic clock, so setting the system clock back cannot stretch the time an answer is trusted.
        if (!known.TryGetValue(tokenHash, out var entry) || (entry.Client is not null && time.GetElapsedTime(entry.CheckedAt) >= RecheckAfter))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == tokenHash, cancellationToken);
            if (token is null)
            {
                // Not kept: only tokens the portal issued take room here, however many made-up ones are tried.
                return new ApiTokenCheck(ApiTokenStatus.Unknown, null);
            }

            var read = token.IsRevoked ? KnownToken.Revoked : new KnownToken(new ApiClient(token.Id, token.Name), time.GetTimestamp(), token.LastUsedAt);

            // A revocation noted while this read was under way wins: a revoked token never becomes active again.
            entry = known.AddOrUpdate(tokenHash, read, (_, current) => current.Client is null ? current : read);
        }

        if (entry.Client is not { } client)
        {
            return new ApiTokenCheck(ApiTokenStatus.Revoked, null);
        }

        // Of the calls that find the last use a minute old at the same moment, only the one that moves it on writes.
        if ((entry.LastUsedAt is not { } last || now - last >= LastUseResolution)
            && known.TryUpdate(tokenHash, new KnownToken(client, entry.CheckedAt, now), entry))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.ApiTokens.Where(t => t.Id == client.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenCheck(ApiTokenStatus.Active, client);
    }

    /// <summary>Revokes the token at once; false when there is no such token. Revoking twice keeps (and records) the first time.</summary>
    public async Task<bool> RevokeAsync(int id, Actor? revokedBy = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        if (!token.IsRevoked)
        {
            var now = time.GetUtcNow();
            token.Revoke(now);
            db.AuditEntries.Add(new AuditEntry(now, revokedBy ?? Actor.System, AuditAction.TokenRevoked, target: Target(token)));
            await db.SaveChangesAsync(cancellationToken);
        }

        // Refused from the next call in this process; other portal processes read it within RecheckAfter.
        known[token.TokenHash] = KnownToken.Revoked;
        return true;
    }

    private static string Target(ApiToken token) => $"{token.Name} (token {token.Id})";

    /// <summary>What was last read about a token: its client while active (null once revoked), when, and its last use.</summary>
    private sealed class KnownToken(ApiClient? client, long checkedAt, DateTimeOffset? lastUsedAt)
    {
        public static readonly KnownToken Revoked = new(null, 0, null);

        public ApiClient? Client { get; } = client;

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/>.</summary>
        public long CheckedAt { get; } = checkedAt;

        public DateTimeOffset? LastUsedAt { get; } = lastUsedAt;
    }
}
