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
        return await db.DataRequests
            .Where(r => r.State == RequestState.Queued || r.State == RequestState.Collecting)
            .Where(r => r.LeaseExpiresAt == null || r.LeaseExpiresAt < now)
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.ReceivedAt)
            .Select(r => r.Id)
            .Take(count)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Takes the request for <paramref name="owner"/> if no one holds it; true when this call won it.</summary>
    public async Task<bool> TryClaimAsync(long requestId, string owner, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var until = now + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
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
    public async Task<bool> RenewAsync(long requestId, string owner, TimeSpan duration, CollectionProgress progress, CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var renewed = await db.DataRequests
            .Where(r => r.Id == requestId && r.LeaseOwner == owner && r.State == RequestState.Collecting)
            .ExecuteUpdateAsync(
                s => s.SetProperty(r => r.LeaseExpiresAt, until).SetProperty(r => r.Progress, progress),
                cancellationToken);
        return renewed == 1;
    }

    /// <summary>Lets go of a claim at once (this process is stopping), so another can take the request up without waiting.</summary>
    public async Task ReleaseAsync(long requestId, string owner, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.DataRequests
            .Where(r => r.Id == requestId && r.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseOwner, (string?)null).SetProperty(r => r.LeaseExpiresAt, (DateTimeOffset?)null), cancellationToken);
    }
}
