using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.SelfService;

/// <summary>A subject's filing: the request, and whether it is new or the one already under way.</summary>
public sealed record SubjectFiling(DataRequest Request, bool Created);

/// <summary>What became of a subject's answer to staff's question.</summary>
public enum SubjectAnswerOutcome
{
    Recorded,

    /// <summary>No such request of theirs, or it no longer waits for an answer.</summary>
    NotWaiting,
}

/// <summary>
/// The requests a verified data subject may see and file: those for their own address that they filed on the
/// self-service page or staff filed to be delivered there (<see cref="DataRequest.ShownToSubject"/>). Every lookup
/// takes the address from the subject's session, never from what the browser sends.
/// </summary>
public sealed class SelfServiceRequests(IDbContextFactory<PortalDbContext> dbFactory, RequestFiling filing, ComplianceClock clock, RequestStatusNotifier notifier)
{
    // Losing a race to another filing is answered by looking again; a third loss in a row is not a race but a fault.
    private const int MaxFilingAttempts = 3;

    private static readonly RequestState[] ActiveStates = [RequestState.Unverified, .. RequestLifecycle.OpenStates];

    /// <summary>Still being worked on: a new request would only duplicate it.</summary>
    public static bool IsActive(RequestState state) => ActiveStates.Contains(state);

    /// <summary>The subject's own requests, newest first, with their timelines.</summary>
    public async Task<IReadOnlyList<DataRequest>> ListAsync(string email, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Own(db, email).Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery().AsNoTracking()
            .OrderByDescending(r => r.ReceivedAt).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The subject answers staff's question on their own request: the request goes on and its clock runs again. Anyone
    /// else's request, or one that no longer waits, is left alone.
    /// </summary>
    public async Task<SubjectAnswerOutcome> AnswerAsync(string email, long id, string answer, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await Own(db, email).Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery()
            .SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null || request.State != RequestState.AwaitingSubject)
        {
            return SubjectAnswerOutcome.NotWaiting;
        }

        request.RecordAnswer(answer, Actor.DataSubject(request.SubjectId), clock);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Staff recorded an answer or closed the request meanwhile.
            return SubjectAnswerOutcome.NotWaiting;
        }

        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        return SubjectAnswerOutcome.Recorded;
    }

    /// <summary>The request when it is the subject's own; null for anyone else's, an unknown id alike.</summary>
    public async Task<DataRequest?> FindAsync(string email, long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Own(db, email).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>
    /// Files a verified request for the subject's address, its emails and report in <paramref name="language"/> (the
    /// one they read the page in), or returns the one still under way. The database keeps "one active self-service
    /// request per subject" (a unique filtered index): of two filings at the same instant, in this process or another,
    /// one is stored and the other finds it.
    /// </summary>
    public async Task<SubjectFiling> FileAsync(string email, CancellationToken cancellationToken = default, string? language = null)
    {
        var subject = Subject.Create(SubjectType.Email, email);
        for (var attempt = 1; ; attempt++)
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

            try
            {
                // The receipt is queued in the same save: a request is never filed without it.
                var filed = await filing.FileForSubjectAsync(
                    subject,
                    (db, request) => db.ReportDeliveries.Add(ReportDelivery.Notice(request, DeliveryKind.Receipt, clock.Now)),
                    cancellationToken,
                    SubjectLanguages.Normalize(language));
                return new SubjectFiling(filed, Created: true);
            }
            catch (DbUpdateException ex) when (attempt < MaxFilingAttempts && DatabaseErrors.IsUniqueViolation(ex))
            {
                // Another filing for this subject was stored first: the next look finds it.
            }
        }
    }

    /// <summary>
    /// The address of the subject whose pages show the changed request, or null when no subject's pages do (requests
    /// filed by an API client, or by staff without self-service delivery): the same rule as <see cref="Own"/>, for live updates.
    /// </summary>
    public static string? OwnerOf(RequestStatusChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.ShownToSubject && change.Subject.Type == SubjectType.Email ? change.Subject.Identifier : null;
    }

    /// <summary>Whether the changed request is one the subject signed in as <paramref name="email"/> sees on their pages.</summary>
    public static bool IsOwn(RequestStatusChange change, string email) =>
        OwnerOf(change) is { } owner && owner == Subject.Create(SubjectType.Email, email).Identifier;

    private static IQueryable<DataRequest> Own(PortalDbContext db, string email)
    {
        var address = Subject.Create(SubjectType.Email, email).Identifier;
        return db.DataRequests.Where(DataRequest.ShownToSubject).Where(r => r.SubjectId == address);
    }
}
