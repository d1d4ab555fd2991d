using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

/// <summary>A request as a list shows it.</summary>
public sealed record RequestRow(
    long Id,
    SubjectType SubjectType,
    string SubjectId,
    RequestChannel Channel,
    RequestState State,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    CollectionProgress Progress,
    string? FailedSource);

/// <summary>Requests for staff lists, newest first.</summary>
public sealed class RequestList(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<RequestRow>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await Rows(db.DataRequests.AsNoTracking().OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id).Take(count))
            .ToListAsync(cancellationToken);
        return rows;
    }

    public async Task<RequestRow?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Rows(db.DataRequests.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<RequestRow> Rows(IQueryable<DataRequest> requests) =>
        requests.Select(r => new RequestRow(r.Id, r.SubjectType, r.SubjectId, r.Channel, r.State, r.ReceivedAt, r.DueDate, r.Progress, r.FailedSource));
}
