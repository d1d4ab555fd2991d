using DataRequestPortal.Core.Data;
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

/// <summary>Issues, checks and revokes API access tokens.</summary>
public sealed class ApiTokens(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Last use is written at most this often per token, so busy clients do not turn every call into a write.</summary>
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public async Task<IssuedApiToken> IssueAsync(string name, CancellationToken cancellationToken = default)
    {
        var (token, plainText) = ApiToken.Issue(name, time.GetUtcNow());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(cancellationToken);
        return new IssuedApiToken(token.Id, token.Name, plainText, token.SigningSecret, token.CreatedAt);
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

    /// <summary>Revokes the token at once; false when there is no such token. Revoking twice keeps the first time.</summary>
    public async Task<bool> RevokeAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (token is null)
        {
            return false;
        }

        token.Revoke(time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
