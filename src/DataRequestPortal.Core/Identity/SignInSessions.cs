using System.Security.Cryptography;
using System.Text;
using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Identity;

/// <summary>A stored session as its browser's next request finds it.</summary>
public sealed record ActiveSession(string UserId, byte[] Ticket);

/// <summary>Server-side sessions (<see cref="SignInSession"/>): stored, renewed, found while still valid, and ended.</summary>
public sealed class SignInSessions(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Stores a new session and returns the key its cookie carries.</summary>
    public async Task<string> StartAsync(string userId, string securityStamp, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.SignInSessions.Add(new SignInSession(IdOf(key), userId, securityStamp, ticket, time.GetUtcNow(), expiresAt));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }

    /// <summary>Replaces the session's sign-in (a sliding renewal or a refreshed sign-in of the same browser).</summary>
    public async Task RenewAsync(string key, string userId, string securityStamp, byte[] ticket, DateTimeOffset? expiresAt, CancellationToken cancellationToken = default)
    {
        var id = IdOf(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == id)
            .ExecuteUpdateAsync(
                s => s.SetProperty(x => x.UserId, userId).SetProperty(x => x.SecurityStamp, securityStamp)
                    .SetProperty(x => x.Ticket, ticket).SetProperty(x => x.ExpiresAt, expiresAt),
                cancellationToken);
    }

    /// <summary>The session, while it has not expired, was not ended, and its account's security stamp is unchanged; otherwise null (and the row goes).</summary>
    public async Task<ActiveSession?> FindAsync(string? key, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(key) || key.Length > 128)
        {
            return null;
        }

        var id = IdOf(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (
                from session in db.SignInSessions
                where session.Id == id
                join user in db.Users on session.UserId equals user.Id into users
                from user in users.DefaultIfEmpty()
                select new { session.UserId, session.Ticket, session.ExpiresAt, session.SecurityStamp, UserStamp = user == null ? null : user.SecurityStamp })
            .AsNoTracking()
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        if ((found.ExpiresAt is { } expires && expires <= time.GetUtcNow()) || found.UserStamp is null || found.UserStamp != found.SecurityStamp)
        {
            await db.SignInSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
            return null;
        }

        return new ActiveSession(found.UserId, found.Ticket);
    }

    /// <summary>Whether the session behind <paramref name="key"/> is still valid; for open interactive pages.</summary>
    public async Task<bool> IsActiveAsync(string? key, CancellationToken cancellationToken = default) =>
        await FindAsync(key, cancellationToken) is not null;

    public async Task EndAsync(string key, CancellationToken cancellationToken = default)
    {
        var id = IdOf(key);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInSessions.Where(s => s.Id == id).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Deletes expired sessions and those of accounts whose stamp changed; the number removed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var expired = await db.SignInSessions.Where(s => s.ExpiresAt != null && s.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var stale = await db.SignInSessions
            .Where(s => !db.Users.Any(u => u.Id == s.UserId && u.SecurityStamp == s.SecurityStamp))
            .ExecuteDeleteAsync(cancellationToken);
        return expired + stale;
    }

    private static string IdOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
