using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Claims on requests, kept in the database so that portal processes sharing it never collect one request twice.
/// Every change is a single conditional UPDATE: of two processes racing for a request, exactly one sees its row
/// change. A claim lasts until <see cref="DataRequest.LeaseExpiresAt"/>; a process that stops renewing it (it
/// crashed) loses it, and the request is taken up again.
/// </summary>
public sealed class RequestLeases(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider time)
{
    /// <summary>Requests waiting for a collector, or abandoned by one, oldest due date first.</summary>
    public async Task<IReadOnlyList<long>> FindClaimableAsync(int count, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for both queries: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        // One query per state: each walks its index in due-date order and stops after `count`, where one query for both
        // states would sort every queued request on each claim, a cost that grew with the queue. Collecting requests
        // are few (those in hand, and any a stopped process left behind).
        var queued = await ClaimableAsync(db, RequestState.Queued, now, count, cancellationToken);
        var abandoned = await ClaimableAsync(db, RequestState.Collecting, now, count, cancellationToken);
        return [.. queued.Concat(abandoned).OrderBy(r => r.DueDate).ThenBy(r => r.ReceivedAt).Take(count).Select(r => r.Id)];
    }

    private static Task<List<ClaimCandidate>> ClaimableAsync(PortalDbContext db, RequestState state, DateTimeOffset now, int count, CancellationToken cancellationToken) =>
        db.DataRequests
            .Where(r => r.State == state)
            .Where(r => r.LeaseExpiresAt == null || r.LeaseExpiresAt < now)
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.ReceivedAt)
            .Select(r => new ClaimCandidate(r.Id, r.DueDate, r.ReceivedAt))
            .Take(count)
            .ToListAsync(cancellationToken);

    /// <summary>Takes the request for <paramref name="owner"/> if no one holds it; true when this call won it.</summary>
    public async Task<bool> TryClaimAsync(long requestId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
        var claimed = await db.DataRequests
            .Where(r => r.Id == requestId)
            .Where(r => r.State == RequestState.Queued || r.State == RequestState.Collecting)
            .Where(r => r.LeaseExpiresAt == null || r.LeaseExpiresAt < now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, owner).SetProperty(r => r.LeaseExpiresAt, until), cancellationToken);
        return claimed == 1;
    }

    /// <summary>
    /// Extends the claim and saves the progress in one step; false when the claim is gone — the request was
    /// cancelled or denied, or another process took it over — and the collection must stop.
    /// </summary>
    public Task<bool> RenewAsync(long requestId, string owner, TimeSpan duration, CollectionProgress progress, CancellationToken cancellationToken) =>
        RenewAsync(requestId, owner, duration, progress, [], cancellationToken);

    /// <summary>
    /// Extends the claim and saves the progress with the running source's records and bytes so far, in one
    /// transaction. The source's row changes only while it still runs that attempt, so a late beat never undoes the
    /// collector's own step (done, failed, retrying).
    /// </summary>
    public async Task<bool> RenewAsync(
        long requestId, string owner, TimeSpan duration, CollectionProgress progress, SourceRunProgress? running, CancellationToken cancellationToken)
    {
        if (running is null)
        {
            return await RenewAsync(requestId, owner, duration, progress, cancellationToken);
        }

        var until = time.GetUtcNow() + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await RenewOnlyAsync(db, requestId, owner, until, progress, cancellationToken))
            {
                return false;
            }

            await db.SourceRuns
                .Where(r => r.DataRequestId == requestId && r.Position == running.Position && r.Attempts == running.Attempt)
                .Where(r => r.State == SourceRunState.Running || r.State == SourceRunState.Retrying)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Records, running.Records).SetProperty(r => r.Bytes, running.Bytes), cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>
    /// Extends the claim and saves the progress together with changes to the request's source runs, in one
    /// transaction, so the collector's writes come one per step instead of one per row; nothing is saved and the
    /// answer is false when the claim is gone.
    /// </summary>
    public async Task<bool> RenewAsync(
        long requestId, string owner, TimeSpan duration, CollectionProgress progress, IReadOnlyList<SourceRunChange> runs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var now = time.GetUtcNow();
        var until = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
        if (runs.Count == 0)
        {
            return await RenewOnlyAsync(db, requestId, owner, until, progress, cancellationToken);
        }

        // A transaction of our own under SQL Server's retrying strategy must run inside it, as one retriable unit.
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await RenewOnlyAsync(db, requestId, owner, until, progress, cancellationToken))
            {
                return false;
            }

            foreach (var run in runs)
            {
                var finished = run.State is SourceRunState.Done or SourceRunState.Failed ? now : (DateTimeOffset?)null;
                await db.SourceRuns
                    .Where(r => r.DataRequestId == requestId && r.Position == run.Position)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(r => r.State, run.State)
                            .SetProperty(r => r.Attempts, run.Attempts)
                            .SetProperty(r => r.Error, run.Error)
                            .SetProperty(r => r.Records, run.Records)
                            .SetProperty(r => r.Bytes, run.Bytes)
                            .SetProperty(r => r.StartedAt, r => r.StartedAt ?? now)
                            .SetProperty(r => r.FinishedAt, finished),
                        cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });
    }

    /// <summary>Whether <paramref name="owner"/> still holds the claim: a read, for beats with nothing new to save.</summary>
    public async Task<bool> IsHeldAsync(long requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataRequests.AnyAsync(r => r.Id == requestId && r.LeaseOwner == owner && r.State == RequestState.Collecting, cancellationToken);
    }

    /// <summary>Lets go of a claim at once (this process is stopping), so another can take the request up without waiting.</summary>
    public async Task ReleaseAsync(long requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Background, cancellationToken);
        await db.DataRequests
            .Where(r => r.Id == requestId && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }

    private static async Task<bool> RenewOnlyAsync(
        PortalDbContext db, long requestId, string owner, DateTimeOffset until, CollectionProgress progress, CancellationToken cancellationToken) =>
        await db.DataRequests
            .Where(r => r.Id == requestId && r.LeaseOwner == owner && r.State == RequestState.Collecting)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.LeaseExpiresAt, until).SetProperty(r => r.Progress, progress),
                cancellationToken) == 1;

    private sealed record ClaimCandidate(long Id, DateOnly DueDate, DateTimeOffset ReceivedAt);
}

/// <summary>What the source running in one attempt has written so far, as the collector's heartbeat saves it.</summary>
public sealed record SourceRunProgress(int Position, int Attempt, long Records, long Bytes);

/// <summary>A source run's new state, as the collector saves it with a renewal of its claim.</summary>
public sealed record SourceRunChange(int Position, SourceRunState State, int Attempts, string? Error, long Records, long Bytes)
{
    public string? Error { get; init; } = Error is { Length: > DataRequest.MaxReasonLength } ? Error[..DataRequest.MaxReasonLength] : Error;
}
