using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Api;

/// <summary>What an API filing came to.</summary>
public enum ApiFilingOutcome
{
    /// <summary>A new request was filed.</summary>
    Filed,

    /// <summary>The client already has this request open; nothing changed (no target given, or the same one again).</summary>
    Repeated,

    /// <summary>The client already has this request open, and the call's report target was added to it.</summary>
    ReportTargetAdded,

    /// <summary>The client already has this request open, and it reports to as many targets as a request may: nothing changed.</summary>
    TooManyReportTargets,
}

/// <summary>The outcome of an API filing: the request (new, or the client's open one for that subject) and what happened.</summary>
public sealed record ApiFiling(DataRequest Request, ApiFilingOutcome Outcome)
{
    public bool IsNew => Outcome == ApiFilingOutcome.Filed;
}

/// <summary>
/// Requests as one API client sees them: it files them, and finds, cancels and deletes only the ones its own
/// token filed. Anyone else's request is, to this client, not there at all.
/// </summary>
public sealed class ApiClientRequests(
    IDbContextFactory<PortalDbContext> dbFactory,
    RequestFiling filing,
    ResultStore store,
    RequestStatusNotifier notifier,
    ComplianceClock clock)
{
    private const int MaxConcurrencyRetries = 3;

    // Compiled once: clients poll the status, so this read runs far more often than any other.
    private static readonly Func<PortalDbContext, long, int, CancellationToken, Task<DataRequest?>> FindOwnQuery =
        EF.CompileAsyncQuery((PortalDbContext db, long id, int tokenId, CancellationToken _) =>
            db.DataRequests.AsNoTracking().SingleOrDefault(r => r.Id == id && r.ApiTokenId == tokenId));

    // Only the columns the status answer shows (see ApiRequestStatus).
    private static readonly Func<PortalDbContext, long, int, CancellationToken, Task<ApiRequestStatus?>> FindOwnStatusQuery =
        EF.CompileAsyncQuery((PortalDbContext db, long id, int tokenId, CancellationToken _) =>
            db.DataRequests
                .Where(r => r.Id == id && r.ApiTokenId == tokenId)
                .Select(r => new ApiRequestStatus(
                    r.Id, r.State, r.Regime, r.ReceivedAt, r.DueDate, r.Extension, r.PausedDays, r.ClockStopped, r.PausedSince, r.ExpiresAt,
                    r.DenialReason, r.CancellationReason,
                    new CollectionProgress(r.Progress.SourcesDone, r.Progress.SourcesTotal, r.Progress.Records, r.Progress.Bytes),
                    r.Result!.Sha256,
                    (long?)r.Result!.Bytes))
                .SingleOrDefault());

    /// <summary>
    /// Files a request for <paramref name="subject"/>, unless this client already has one open (queued, collecting
    /// or failed) for it: then that one is returned, with <paramref name="report"/> added to its report targets
    /// (once; each target is delivered once when the result is ready). The database keeps one open request per client
    /// and subject (a unique filtered index), so of two identical calls at the same instant, in this process or another,
    /// one files and the other is answered with its request. A new request's subject emails and report are written in
    /// <paramref name="language"/> (a shipped language tag; the organisation's default when null).
    /// </summary>
    public async Task<ApiFiling> FileAsync(
        ApiClient client, Subject subject, ReportTarget? report, CancellationToken cancellationToken = default, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(subject);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            // Open for both the look and, when nothing is open, the filing: one connection, one context.
            await db.Database.OpenConnectionAsync(cancellationToken);
            // The oldest open request's id only: most filings find none, and then read nothing else. The open states are
            // written out one by one: a list of them would make EF Core write the statement anew on every filing.
            var openId = await db.DataRequests
                .Where(r => r.ApiTokenId == client.TokenId && r.SubjectType == subject.Type && r.SubjectId == subject.Identifier)
                .Where(RequestLifecycle.IsOpenRequest)
                .OrderBy(r => r.ReceivedAt)
                .Select(r => (long?)r.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var open = openId is { } id
                ? await db.DataRequests.Include(r => r.ReportTargets).Where(RequestLifecycle.IsOpenRequest).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
                : null;
            if (open is null && openId is not null)
            {
                // It closed (the collector completed it, say) between the two reads: look again.
                continue;
            }

            if (open is null)
            {
                try
                {
                    return new ApiFiling(await filing.FileForApiClientAsync(db, subject, client, report, language, cancellationToken), ApiFilingOutcome.Filed);
                }
                catch (DbUpdateException ex) when (attempt < MaxConcurrencyRetries && DatabaseErrors.IsUniqueViolation(ex))
                {
                    // The same filing was stored first by another call: the next look finds it and answers as a repeat.
                    continue;
                }
            }

            var addition = report is null ? ReportTargetAddition.AlreadyThere : open.AddReportTarget(report, clock);
            if (addition != ReportTargetAddition.Added)
            {
                return new ApiFiling(open, addition == ReportTargetAddition.TooMany ? ApiFilingOutcome.TooManyReportTargets : ApiFilingOutcome.Repeated);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < MaxConcurrencyRetries)
            {
                // Another call added a target to this request at the same moment: look again.
                continue;
            }

            return new ApiFiling(open, ApiFilingOutcome.ReportTargetAdded);
        }
    }

    /// <summary>The reason an API client's DELETE records: the client withdrew the request.</summary>
    public static string CancelledByClient(ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return $"Withdrawn by the system that filed it (API client {client.Name}).";
    }

    /// <summary>The status of the request if this client filed it; null for anyone else's and for ids that do not exist.</summary>
    public async Task<ApiRequestStatus?> FindStatusAsync(ApiClient client, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindOwnStatusQuery(db, id, client.TokenId, cancellationToken);
    }

    /// <summary>The request if this client filed it; null for anyone else's and for ids that do not exist.</summary>
    public async Task<DataRequest?> FindAsync(ApiClient client, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindOwnQuery(db, id, client.TokenId, cancellationToken);
    }

    /// <summary>
    /// The client takes its request back: an open one is cancelled (its collection stops), a completed one has its
    /// result deleted now and becomes Expired. A closed request stays as it is. Null when the client has no such request.
    /// </summary>
    public async Task<DataRequest?> WithdrawAsync(ApiClient client, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var request = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery()
                .SingleOrDefaultAsync(r => r.Id == id && r.ApiTokenId == client.TokenId, cancellationToken);
            if (request is null)
            {
                return null;
            }

            var deletesResult = request.State == RequestState.Completed;
            if (RequestLifecycle.IsOpen(request.State))
            {
                request.Cancel(client.Actor, clock, CancelledByClient(client));
            }
            else if (deletesResult)
            {
                request.Expire(client.Actor, clock, $"Deleted by API client {client.Name}");
            }
            else
            {
                return request;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxConcurrencyRetries)
            {
                // The collector moved it meanwhile (for example, it just completed): decide again on the current state.
                continue;
            }

            // The state changes first, so the data calls refuse the result before its file disappears.
            if (deletesResult)
            {
                await store.DeleteAsync(id);
            }

            notifier.Publish(RequestStatusChange.Of(request, clock.Now));
            return request;
        }
    }
}
