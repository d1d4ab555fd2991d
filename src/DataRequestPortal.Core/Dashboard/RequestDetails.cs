using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Manual;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Dashboard;

/// <summary>
/// Everything the request page shows: the request with its timeline, its sources' runs, where it looked (every
/// configured source, searched or not) and its deliveries with their attempts.
/// </summary>
public sealed record RequestDetail(
    DataRequest Request, IReadOnlyList<CollectionSourceRun> SourceRuns, IReadOnlyList<ReportDelivery> Deliveries, string? ApiClientName)
{
    public IReadOnlyList<SourceSearch> Searches { get; init; } = [];

    /// <summary>The request's manual tasks, open or done, in order.</summary>
    public IReadOnlyList<ManualTask> Tasks { get; init; } = [];

    /// <summary>What the staff members on the timeline are called today.</summary>
    public StaffNameBook StaffNames { get; init; } = StaffNameBook.Empty;
}

public sealed class RequestDetails(IDbContextFactory<PortalDbContext> dbFactory, SourceCatalog catalog)
{
    /// <summary>What the assignee of a manual source is asked to do; null for a source not configured (any more).</summary>
    public string? InstructionsFor(string sourceKey) =>
        catalog.All.OfType<ManualSource>().FirstOrDefault(s => string.Equals(s.Description.Key, sourceKey, StringComparison.OrdinalIgnoreCase))?.Instructions;

    public async Task<RequestDetail?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking().Include(r => r.Timeline).Include(r => r.ReportTargets).Include(r => r.Pauses).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var runs = await db.SourceRuns.AsNoTracking().Where(r => r.DataRequestId == id).OrderBy(r => r.Position).ToListAsync(cancellationToken);
        var deliveries = await db.ReportDeliveries.AsNoTracking().Include(d => d.Attempts).Where(d => d.DataRequestId == id)
            .OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken);
        var client = request.ApiTokenId is { } tokenId
            ? await db.ApiTokens.Where(t => t.Id == tokenId).Select(t => t.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var tasks = await db.ManualTasks.AsNoTracking().Where(t => t.DataRequestId == id).OrderBy(t => t.Number).ToListAsync(cancellationToken);
        var staffNames = await StaffNames.LookUpAsync(db, request.Timeline.Select(t => t.Actor), cancellationToken);

        // Before collection starts nothing has been looked at; afterwards every configured source has an outcome.
        var searches = runs.Count == 0 ? [] : WhereWeLooked.Of([.. catalog.All.Select(s => s.Description)], request.SubjectType, runs, tasks);
        return new RequestDetail(request, runs, deliveries, client) { Searches = searches, Tasks = tasks, StaffNames = staffNames };
    }
}
