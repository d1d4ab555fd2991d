using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.SelfService;

/// <summary>A subject's filing: the request, and whether it is new or the one already under way.</summary>
public sealed record SubjectFiling(DataRequest Request, bool Created);

/// <summary>
/// The requests a verified data subject may see and file: only those they filed on the self-service page for their
/// own address. Every lookup takes the address from the subject's session, never from what the browser sends.
/// </summary>
public sealed class SelfServiceRequests(IDbContextFactory<PortalDbContext> dbFactory, RequestFiling filing, TimeProvider time)
{
    // Filings are rare; one at a time keeps "one active request per subject" true when two tabs verify at once.
    private static readonly SemaphoreSlim FilingGate = new(1, 1);

    private static readonly RequestState[] ActiveStates = [RequestState.Unverified, RequestState.Queued, RequestState.Collecting, RequestState.Failed];

    /// <summary>Still being worked on: a new request would only duplicate it.</summary>
    public static bool IsActive(RequestState state) => ActiveStates.Contains(state);

    /// <summary>The subject's own requests, newest first, with their timelines.</summary>
    public async Task<IReadOnlyList<DataRequest>> ListAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Own(db, email).Include(r => r.Timeline).AsNoTracking()
            .OrderByDescending(r => r.ReceivedAt).ToListAsync(cancellationToken);
    }

    /// <summary>The request when it is the subject's own; null for anyone else's, an unknown id alike.</summary>
    public async Task<DataRequest?> FindAsync(string email, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Own(db, email).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>Files a verified request for the subject's address, or returns the one still under way.</summary>
    public async Task<SubjectFiling> FileAsync(string email, CancellationToken cancellationToken = default)
    {
        var subject = Subject.Create(SubjectType.Email, email);
        await FilingGate.WaitAsync(cancellationToken);
        try
        {
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                var active = await Own(db, subject.Identifier).AsNoTracking()
                    .Where(r => ActiveStates.Contains(r.State))
                    .OrderByDescending(r => r.ReceivedAt).FirstOrDefaultAsync(cancellationToken);
                if (active is not null)
                {
                    return new SubjectFiling(active, Created: false);
                }
            }

            // The receipt is queued in the same save: a request is never filed without it.
            var filed = await filing.FileForSubjectAsync(
                subject,
                (db, request) => db.ReportDeliveries.Add(ReportDelivery.Notice(request, DeliveryKind.Receipt, time.GetUtcNow())),
                cancellationToken);
            return new SubjectFiling(filed, Created: true);
        }
        finally
        {
            FilingGate.Release();
        }
    }

    /// <summary>
    /// The address of the subject whose pages show the changed request, or null when no subject's pages do (requests
    /// filed by staff or an API client): the same rule as <see cref="Own"/>, for live updates.
    /// </summary>
    public static string? OwnerOf(RequestStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Channel == RequestChannel.SelfService && change.Subject.Type == SubjectType.Email ? change.Subject.Identifier : null;
    }

    /// <summary>Whether the changed request is one the subject signed in as <paramref name="email"/> sees on their pages.</summary>
    public static bool IsOwn(RequestStatusChange change, string email) =>
        OwnerOf(change) is { } owner && owner == Subject.Create(SubjectType.Email, email).Identifier;

    private static IQueryable<DataRequest> Own(PortalDbContext db, string email)
    {
        var address = Subject.Create(SubjectType.Email, email).Identifier;
        return db.DataRequests.Where(r => r.Channel == RequestChannel.SelfService && r.SubjectType == SubjectType.Email && r.SubjectId == address);
    }
}
