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

    /// <summary>Finds the token by its hash and, when it is active, records that it was used.</summary>
    public async Task<ApiTokenCheck> CheckAsync(string? presented, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(presented))
        {
            return new ApiTokenCheck(ApiTokenStatus.Unknown, null);
        }

        var hash = ApiToken.HashOf(presented.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.TokenHash == hash, cancellationToken);
        if (token is null)
        {
            return new ApiTokenCheck(ApiTokenStatus.Unknown, null);
        }

        if (token.IsRevoked)
        {
            return new ApiTokenCheck(ApiTokenStatus.Revoked, null);
        }

        var now = time.GetUtcNow();
        if (token.LastUsedAt is not { } last || now - last >= LastUseResolution)
        {
            await db.ApiTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return new ApiTokenCheck(ApiTokenStatus.Active, new ApiClient(token.Id, token.Name));
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

        return true;
    }

    private static string Target(ApiToken token) => $"{token.Name} (token {token.Id})";
}
