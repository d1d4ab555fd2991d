using System.Globalization;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Identity;

/// <summary>
/// One staff sign-in attempt as the throttle sees it: the client's IP address, the address typed, and — when the
/// browser holds the known-browser cookie of the account that address belongs to — that browser's id.
/// </summary>
public sealed record SignInAttempt(string Client, string Address, string? KnownBrowser = null);

/// <summary>Whether an attempt may be tried now; when not, how long until it may.</summary>
public sealed record SignInGate(bool Allowed, TimeSpan RetryAfter)
{
    public static SignInGate Open { get; } = new(true, TimeSpan.Zero);
}

/// <summary>The throttle's numbers, in one place so the README and the tests can name them.</summary>
public static class SignInThrottlePolicy
{
    /// <summary>Attempts for one address from one client (or one known browser) before they slow down.</summary>
    public const int FreeAttemptsPerAddress = 5;

    /// <summary>Attempts from one client over all addresses before they slow down (browsers known to the account are exempt).</summary>
    public const int FreeAttemptsPerClient = 20;

    /// <summary>Audit entries written one by one per client in a burst; the rest are folded into one entry with a count.</summary>
    public const int LoggedPerBurst = 5;

    public static readonly TimeSpan FirstBlock = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MaxBlock = TimeSpan.FromMinutes(15);

    /// <summary>A counter that saw no attempt for this long starts again from zero.</summary>
    public static readonly TimeSpan IdleReset = TimeSpan.FromHours(1);

    public static readonly TimeSpan Burst = TimeSpan.FromMinutes(15);

    /// <summary>The wait after the <paramref name="failures"/>th attempt in a row: none before the free ones are used, then 1, 2, 4, 8 and at most 15 minutes.</summary>
    public static TimeSpan BlockAfter(int failures, int free)
    {
        if (failures < free)
        {
            return TimeSpan.Zero;
        }

        var doublings = Math.Min(failures - free, 10);
        var block = FirstBlock * Math.Pow(2, doublings);
        return block < MaxBlock ? block : MaxBlock;
    }
}

/// <summary>
/// Slows down guessing at the staff sign-in form without letting anyone lock a staff member out. Attempts are counted
/// per client and address, per known browser and address, and per client; past the free attempts each further try
/// waits 1, 2, 4, 8, then 15 minutes. There is no account-wide lock: the account's owner, from a browser that signed
/// in to it before, is counted apart from everyone else and is never slowed by someone else's guesses. Unknown and
/// known addresses are counted alike, so the throttle says nothing about who has an account.
/// </summary>
/// <remarks>
/// Every attempt counts as a failure when it starts (one conditional update per counter), so parallel guesses cannot
/// slip past the limit while a password is being checked; a success takes it back. The same rows fold a client's
/// audit entries, so nobody can fill the audit log: the first <see cref="SignInThrottlePolicy.LoggedPerBurst"/>
/// attempts of a burst are written as they happen, the rest as one entry with their count when the burst ends.
/// </remarks>
public sealed class StaffSignInThrottle(IDbContextFactory<PortalDbContext> dbFactory, PortalKey key, TimeProvider time)
{
    private const int MaxRetries = 20;

    /// <summary>Counts the attempt and says whether it may go ahead; a refused attempt is not counted.</summary>
    public async Task<SignInGate> BeginAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var now = time.GetUtcNow();
        var counters = CountersOf(attempt);
        var keys = counters.Select(c => c.Key).ToList();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var blocked = await db.SignInThrottles.AsNoTracking()
                .Where(t => keys.Contains(t.Key) && t.BlockedUntil != null)
                .Select(t => t.BlockedUntil!.Value)
                .ToListAsync(cancellationToken);
            if (blocked.Where(until => until > now).DefaultIfEmpty().Max() is var until && until > now)
            {
                return new SignInGate(false, until - now);
            }
        }

        foreach (var (counter, free) in counters)
        {
            if (await CountAsync(counter, free, now, cancellationToken) is { Allowed: false } refused)
            {
                return refused;
            }
        }

        return SignInGate.Open;
    }

    /// <summary>The attempt succeeded: its address counters start again, and the client's counter takes the attempt back.</summary>
    public async Task SucceededAsync(SignInAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var counters = CountersOf(attempt);
        var addressKey = counters[0].Key;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.SignInThrottles.Where(t => t.Key == addressKey).ExecuteDeleteAsync(cancellationToken);
        }

        if (counters.Count > 1)
        {
            await UpdateAsync(counters[1].Key, row =>
            {
                row.Failures = Math.Max(0, row.Failures - 1);
                if (row.Failures < SignInThrottlePolicy.FreeAttemptsPerClient)
                {
                    row.BlockedUntil = null;
                }
            }, create: false, cancellationToken);
        }
    }

    /// <summary>
    /// Writes a failed or refused attempt to the audit log, folded per client: the first few of a burst one by one,
    /// the rest counted into one entry written when the burst is over.
    /// </summary>
    public async Task RecordAsync(SignInAttempt attempt, AuditAction action, string why, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var detail = $"{why}, from {attempt.Client}";
        var target = Cut(attempt.Address);
        if (attempt.KnownBrowser is not null)
        {
            // The account's own browser: few attempts by construction, each worth its line.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), Actor.System, action, target: target, detail: detail));
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        await UpdateAsync(ClientKey(attempt.Client), (row, db, now) =>
        {
            if (row.FoldStart is not { } start || now - start >= SignInThrottlePolicy.Burst)
            {
                Fold(row, db, now);
                row.FoldStart = now;
            }

            if (row.Logged < SignInThrottlePolicy.LoggedPerBurst)
            {
                row.Logged++;
                db.AuditEntries.Add(new AuditEntry(now, Actor.System, action, target: target, detail: detail));
            }
            else
            {
                row.Unlogged++;
                row.UnloggedFrom ??= now;
                row.UnloggedTo = now;
                row.Client = Cut(attempt.Client, 64);
                row.LastTarget = target;
            }
        }, create: true, cancellationToken);
    }

    /// <summary>Writes the folded entries of bursts that are over and forgets counters idle for a day; the number of entries written.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var burstOver = now - SignInThrottlePolicy.Burst;
        List<string> keys;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            keys = await db.SignInThrottles.Where(t => t.Unlogged > 0 && t.FoldStart <= burstOver).Select(t => t.Key).ToListAsync(cancellationToken);
        }

        var written = 0;
        foreach (var client in keys)
        {
            await UpdateAsync(client, (row, db, at) =>
            {
                if (row.Unlogged > 0 && row.FoldStart <= at - SignInThrottlePolicy.Burst)
                {
                    Fold(row, db, at);
                    row.FoldStart = null;
                    written++;
                }
            }, create: false, cancellationToken);
        }

        var forgotten = now - TimeSpan.FromDays(1);
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await db.SignInThrottles.Where(t => t.Unlogged == 0 && t.LastAttemptAt < forgotten && (t.FoldStart == null || t.FoldStart < forgotten))
                .ExecuteDeleteAsync(cancellationToken);
        }

        return written;
    }

    /// <summary>The counters an attempt goes through; the first is always the address's own.</summary>
    private List<(string Key, int Free)> CountersOf(SignInAttempt attempt)
    {
        var account = Hash("account:" + EmailAddresses.LookupKey(attempt.Address));
        return attempt.KnownBrowser is { } browser
            ? [($"b:{Hash("browser:" + browser)}:{account}", SignInThrottlePolicy.FreeAttemptsPerAddress)]
            : [($"a:{Hash("client:" + attempt.Client)}:{account}", SignInThrottlePolicy.FreeAttemptsPerAddress),
               (ClientKey(attempt.Client), SignInThrottlePolicy.FreeAttemptsPerClient)];
    }

    private string ClientKey(string client) => "c:" + Hash("client:" + client);

    private string Hash(string value) => Convert.ToHexStringLower(key.Mac("sign-in-throttle:" + value).AsSpan(0, 16));

    private async Task<SignInGate> CountAsync(string counter, int free, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var gate = SignInGate.Open;
        await UpdateAsync(counter, row =>
        {
            if (row.BlockedUntil is { } until && until > now)
            {
                gate = new SignInGate(false, until - now);
                return;
            }

            gate = SignInGate.Open;
            if (row.LastAttemptAt is not { } last || now - last >= SignInThrottlePolicy.IdleReset)
            {
                row.Failures = 0;
            }

            row.Failures++;
            row.LastAttemptAt = now;
            var block = SignInThrottlePolicy.BlockAfter(row.Failures, free);
            row.BlockedUntil = block > TimeSpan.Zero ? now + block : null;
        }, create: true, cancellationToken);
        return gate;
    }

    private Task UpdateAsync(string counter, Action<SignInThrottle> change, bool create, CancellationToken cancellationToken) =>
        UpdateAsync(counter, (row, _, _) => change(row), create, cancellationToken);

    /// <summary>Reads the counter, changes it and saves it only if nobody changed it meanwhile; otherwise tries again from what is there now.</summary>
    private async Task UpdateAsync(string counter, Action<SignInThrottle, PortalDbContext, DateTimeOffset> change, bool create, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var row = await db.SignInThrottles.SingleOrDefaultAsync(t => t.Key == counter, cancellationToken);
            if (row is null)
            {
                if (!create)
                {
                    return;
                }

                row = new SignInThrottle(counter);
                db.SignInThrottles.Add(row);
            }

            change(row, db, time.GetUtcNow());
            row.Version = Guid.NewGuid();
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < MaxRetries)
            {
                // Another attempt changed or created the counter first: count again from its state.
            }
        }
    }

    /// <summary>Adds the folded entry for the burst's uncounted attempts, if any, and starts the count again.</summary>
    private static void Fold(SignInThrottle row, PortalDbContext db, DateTimeOffset now)
    {
        if (row.Unlogged > 0)
        {
            var from = Stamp(row.UnloggedFrom ?? now);
            var to = Stamp(row.UnloggedTo ?? now);
            db.AuditEntries.Add(new AuditEntry(
                now,
                Actor.System,
                AuditAction.SignInFailed,
                target: row.LastTarget,
                detail: string.Create(CultureInfo.InvariantCulture, $"{row.Unlogged} more failed or refused sign-ins from {row.Client ?? "the same client"} between {from} and {to}, folded into this entry; the address tried last is its target")));
        }

        row.Logged = 0;
        row.Unlogged = 0;
        row.UnloggedFrom = null;
        row.UnloggedTo = null;
        row.LastTarget = null;
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Cut(string text, int length = AuditEntry.MaxTargetLength) => text.Length <= length ? text : text[..length];
}
