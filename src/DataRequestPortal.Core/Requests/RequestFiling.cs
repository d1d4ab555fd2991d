using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// Files new requests: one place for id allocation and the first timeline entry, whatever the channel. Without
/// <paramref name="notices"/> a staff filing for self-service delivery is refused, as its subject could not be told.
/// </summary>
public sealed class RequestFiling(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock, RequestStatusNotifier notifier, ISubjectNotices? notices = null)
{
    private const int MaxIdAttempts = 8;

    /// <summary>The id source; replaceable so tests can force a collision.</summary>
    internal Func<long> NewId { get; init; } = DataRequestId.NewId;

    public Task<DataRequest> FileAsync(Subject subject, RequestChannel channel, Actor actor, string? note = null, CancellationToken cancellationToken = default) =>
        FileAsync(id => DataRequest.File(id, subject, channel, actor, clock, note), cancellationToken);

    /// <summary>Files a request for staff; the result is emailed to <paramref name="report"/> when one is given.</summary>
    public Task<DataRequest> FileForStaffAsync(Subject subject, Actor actor, string note, ReportTarget? report, CancellationToken cancellationToken = default) =>
        FileForStaffAsync(subject, actor, note, report, regime: null, cancellationToken: cancellationToken);

    /// <summary>
    /// Files a request for staff under <paramref name="regime"/> (the organisation's default when null). With
    /// <paramref name="selfServiceDelivery"/> (email subjects only) the subject sees it on their self-service page, and
    /// the notice telling them so is queued in the same save.
    /// </summary>
    public Task<DataRequest> FileForStaffAsync(
        Subject subject, Actor actor, string note, ReportTarget? report, Regime? regime, bool selfServiceDelivery = false, CancellationToken cancellationToken = default)
    {
        if (selfServiceDelivery && notices is null)
        {
            throw new InvalidOperationException("Filing for self-service delivery needs the subject notices to tell the subject.");
        }

        return FileAsync(
            id => DataRequest.File(id, subject, RequestChannel.Staff, actor, clock, note, report, regime, selfServiceDelivery),
            cancellationToken,
            selfServiceDelivery ? (db, request) => notices!.Queue(db, request, SubjectNotice.Filed) : null);
    }

    /// <summary>Files a request through the API, owned by <paramref name="client"/>'s token.</summary>
    public Task<DataRequest> FileForApiClientAsync(Subject subject, ApiClient client, ReportTarget? report, CancellationToken cancellationToken = default) =>
        FileForApiClientAsync(subject, client, report, language: null, cancellationToken);

    /// <summary>Files a request through the API whose subject's emails and report are written in <paramref name="language"/>.</summary>
    public Task<DataRequest> FileForApiClientAsync(Subject subject, ApiClient client, ReportTarget? report, string? language, CancellationToken cancellationToken = default) =>
        FileAsync(id => DataRequest.FileForApiClient(id, subject, client, report, clock, language), cancellationToken);

    /// <summary>
    /// As <see cref="FileForApiClientAsync(Subject, ApiClient, ReportTarget?, string?, CancellationToken)"/>, saved in
    /// <paramref name="db"/>, a context that has nothing to save yet: the caller's look for an open request and this
    /// filing then share one context and one connection.
    /// </summary>
    internal Task<DataRequest> FileForApiClientAsync(
        PortalDbContext db, Subject subject, ApiClient client, ReportTarget? report, string? language, CancellationToken cancellationToken) =>
        FileAsync(id => DataRequest.FileForApiClient(id, subject, client, report, clock, language), cancellationToken, inContext: db);

    /// <summary>
    /// Files a request for a data subject who has just proved the address: filed on the self-service channel and verified
    /// in the same save, so its clock starts now. <paramref name="alongside"/> adds what must be stored in the same save
    /// (the subject's receipt email).
    /// </summary>
    public Task<DataRequest> FileForSubjectAsync(
        Subject subject, Action<PortalDbContext, DataRequest>? alongside = null, CancellationToken cancellationToken = default, string? language = null)
    {
        if (subject.Type != SubjectType.Email)
        {
            throw new ArgumentException("Only an email address a subject has proved can file on the self-service page.", nameof(subject));
        }

        var actor = Actor.DataSubject(subject.Identifier);
        return FileAsync(
            id =>
            {
                var request = DataRequest.File(id, subject, RequestChannel.SelfService, actor, clock, language: language);
                request.Verify(actor, clock);
                return request;
            },
            cancellationToken,
            alongside);
    }

    /// <summary>
    /// Saves the request <paramref name="file"/> makes for a new random id. Ids are drawn from 2^53 numbers, so a taken
    /// one is not looked for beforehand: a save the database refuses as a repeated key is checked once it fails, and a
    /// taken id is drawn again, in a fresh context. The first attempt uses <paramref name="inContext"/> when given.
    /// </summary>
    private async Task<DataRequest> FileAsync(
        Func<long, DataRequest> file, CancellationToken cancellationToken, Action<PortalDbContext, DataRequest>? alongside = null, PortalDbContext? inContext = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var own = attempt == 1 && inContext is not null ? null : await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                var db = own ?? inContext!;
                // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
                await db.Database.OpenConnectionAsync(cancellationToken);
                var request = file(NewId());
                db.DataRequests.Add(request);
                alongside?.Invoke(db, request);
                try
                {
                    await using (await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, cancellationToken))
                    {
                        await db.SaveChangesAsync(cancellationToken);
                    }
                }
                catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
                {
                    if (!await IsTakenAsync(request.Id, cancellationToken))
                    {
                        // Another unique rule refused it (one open request per subject): the caller's to answer.
                        throw;
                    }

                    if (attempt == MaxIdAttempts)
                    {
                        throw new InvalidOperationException($"No unused request id after {MaxIdAttempts} attempts.", ex);
                    }

                    continue;
                }

                notifier.Publish(RequestStatusChange.Of(request, clock.Now));
                return request;
            }
            finally
            {
                if (own is not null)
                {
                    await own.DisposeAsync();
                }
            }
        }
    }

    private async Task<bool> IsTakenAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataRequests.AnyAsync(r => r.Id == id, cancellationToken);
    }
}
