using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

/// <summary>Figures for the dashboard's home page.</summary>
public sealed class RequestOverview(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>How many requests are in each state; every state is present, zero when none.</summary>
    public async Task<IReadOnlyDictionary<RequestState, int>> CountByStateAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var counts = await db.DataRequests
            .GroupBy(r => r.State)
            .Select(g => new { State = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.State, x => x.Count, cancellationToken);
        return Enum.GetValues<RequestState>().ToDictionary(s => s, s => counts.GetValueOrDefault(s));
    }
}
