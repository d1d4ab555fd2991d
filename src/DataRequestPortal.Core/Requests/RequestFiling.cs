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

    private async Task<DataRequest> FileAsync(Func<long, DataRequest> file, CancellationToken cancellationToken, Action<PortalDbContext, DataRequest>? alongside = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var id = await UnusedIdAsync(db, cancellationToken);
        var request = file(id);
        db.DataRequests.Add(request);
        alongside?.Invoke(db, request);
        await using (await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, cancellationToken))
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        return request;
    }

    private async Task<long> UnusedIdAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxIdAttempts; attempt++)
        {
            var id = NewId();
            if (!await db.DataRequests.AnyAsync(r => r.Id == id, cancellationToken))
            {
                return id;
            }
        }

        throw new InvalidOperationException($"No unused request id after {MaxIdAttempts} attempts.");
    }
}
