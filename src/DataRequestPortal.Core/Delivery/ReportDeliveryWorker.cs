using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// Sends what requests owe: each completed request's result to every one of its report targets (signed POSTs to URLs,
/// mails to addresses), and self-service subjects' notices; retries with back-off and logs every attempt.
/// </summary>
public sealed partial class ReportDeliveryWorker(
    IDbContextFactory<PortalDbContext> dbFactory,
    ReportSender sender,
    ReportMailer mailer,
    RequestStatusNotifier notifier,
    TimeProvider time,
    IOptions<DeliveryOptions> deliveryOptions,
    ILogger<ReportDeliveryWorker> logger) : BackgroundService
{
    private const int Batch = 20;

    private readonly DeliveryOptions options = deliveryOptions.Value;
    // Holds at most one wake-up: many completions at once need only one pass.
    private readonly Channel<bool> wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly Lock changedGate = new();

    // Requests this process saw change since the last pass: a wake-up looks only at these, the poll at every request.
    private HashSet<long> changed = [];

    /// <summary>Queues deliveries for newly completed requests and makes every due attempt; returns how many attempts were made.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await QueueCompletedAsync(null, cancellationToken);
        return await AttemptDueAsync(cancellationToken);
    }

    /// <summary>Like <see cref="RunDueAsync"/>, but looks for completions only among the requests this process saw change.</summary>
    private async Task<int> RunChangedAsync(CancellationToken cancellationToken)
    {
        HashSet<long> requests;
        lock (changedGate)
        {
            (requests, changed) = (changed, []);
        }

        if (requests.Count > 0)
        {
            await QueueCompletedAsync(requests, cancellationToken);
        }

        return await AttemptDueAsync(cancellationToken);
    }

    private async Task<int> AttemptDueAsync(CancellationToken cancellationToken)
    {
        var made = 0;
        while (true)
        {
            var now = time.GetUtcNow();
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var due = await db.ReportDeliveries
                .Where(d => d.State == DeliveryState.Pending && d.NextAttemptAt <= now)
                .OrderBy(d => d.NextAttemptAt).Select(d => d.Id).Take(Batch).ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                return made;
            }

            foreach (var id in due)
            {
                if (await AttemptAsync(id, cancellationToken))
                {
                    made++;
                }
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watching = WatchCompletionsAsync(stoppingToken);
        Task<bool>? woken = null;
        var poll = TimeSpan.FromSeconds(options.PollSeconds);
        DateTimeOffset? lastFullPass = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Every poll interval, even while wake-ups keep coming, a pass reads every request, so completions by
                // other processes (or while none ran) are reported too; wake-ups in between look only at what changed.
                if (lastFullPass is not { } last || time.GetUtcNow() - last >= poll)
                {
                    lastFullPass = time.GetUtcNow();
                    await RunDueAsync(stoppingToken);
                }
                else
                {
                    await RunChangedAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                // One wait for a wake-up at a time, kept across polls, so waits do not pile up.
                woken = woken is { IsCompleted: false } ? woken : wake.Reader.WaitToReadAsync(stoppingToken).AsTask();
                await Task.WhenAny(woken, Task.Delay(poll, time, stoppingToken));
                wake.Reader.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await watching;
    }

    private async Task WatchCompletionsAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifier.WatchAsync(stoppingToken))
            {
                // These end requests that may have a report or notice to send.
                if (change.State is RequestState.Completed or RequestState.Denied or RequestState.Cancelled)
                {
                    lock (changedGate)
                    {
                        changed.Add(change.RequestId);
                    }

                    wake.Writer.TryWrite(true);
                }

                // A filing, extension or question on a request the subject's page shows queued a notice with it; other
                // requests have nothing to send until they end.
                else if (change.State is not RequestState.Collecting && change.ShownToSubject)
                {
                    wake.Writer.TryWrite(true);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>
    /// Reads completions from the database, not the notifier, so one that happened while no portal ran is still
    /// reported; <paramref name="among"/> limits the look to those requests, null looks at all.
    /// </summary>
    private async Task QueueCompletedAsync(IReadOnlyCollection<long>? among, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var candidates = among is null ? db.DataRequests : db.DataRequests.Where(r => among.Contains(r.Id));

        // Each report target once; one a client added while the request was completing is queued on the next pass.
        var targets = await db.ReportTargets.AsNoTracking()
            .Join(candidates, t => t.DataRequestId, r => r.Id, (t, r) => new { Target = t, r.State, r.ApiTokenId })
            .Where(x => x.State == RequestState.Completed
                && !db.ReportDeliveries.Any(d => d.DataRequestId == x.Target.DataRequestId && d.Kind == DeliveryKind.Result && d.TargetNumber == x.Target.Number))
            .ToListAsync(cancellationToken);

        // Subjects whose self-service page shows the request (and so were sent a receipt) hear when it ends.
        var closed = await candidates
            .Where(DataRequest.ShownToSubject)
            .Where(r => (r.State == RequestState.Completed || r.State == RequestState.Denied || r.State == RequestState.Cancelled)
                && db.ReportDeliveries.Any(d => d.DataRequestId == r.Id && d.Kind == DeliveryKind.Receipt)
                && !db.ReportDeliveries.Any(d => d.DataRequestId == r.Id && (d.Kind == DeliveryKind.ReadyNotice || d.Kind == DeliveryKind.ClosedNotice)))
            .ToListAsync(cancellationToken);
        if (targets.Count == 0 && closed.Count == 0)
        {
            return;
        }

        var now = time.GetUtcNow();
        db.ReportDeliveries.AddRange(targets.Select(x => ReportDelivery.For(x.Target.DataRequestId, x.ApiTokenId, x.Target, now)));
        db.ReportDeliveries.AddRange(closed.Select(r =>
            ReportDelivery.Notice(r, r.State == RequestState.Completed ? DeliveryKind.ReadyNotice : DeliveryKind.ClosedNotice, now)));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another portal process queued them at the same moment; its rows stand.
        }
    }

    private async Task<bool> AttemptAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var delivery = await db.ReportDeliveries.Include(d => d.Attempts).SingleAsync(d => d.Id == id, cancellationToken);
        var at = time.GetUtcNow();
        if (delivery.State != DeliveryState.Pending || delivery.NextAttemptAt > at)
        {
            return false;
        }

        delivery.Claim(at, options.Timeout * 2);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return false;
        }

        // Staff-filed requests have no token; only API clients' reports stop when their token is revoked.
        var token = delivery.ApiTokenId is { } tokenId
            ? await db.ApiTokens.AsNoTracking().SingleAsync(t => t.Id == tokenId, cancellationToken)
            : null;
        if (delivery.Kind == DeliveryKind.StaffDigest)
        {
            return await AttemptDigestAsync(db, delivery, at, cancellationToken);
        }

        var requestId = delivery.DataRequestId!.Value;
        var outcome = delivery.Kind == DeliveryKind.TaskNotice
            ? await mailer.SendTaskNoticeAsync(requestId, delivery.Target, delivery.TargetNumber, cancellationToken)
            : delivery.Kind != DeliveryKind.Result
            ? await mailer.SendNoticeAsync(requestId, delivery.Kind, delivery.TargetNumber, cancellationToken)
            : token is { IsRevoked: true }
            ? DeliveryOutcome.Refused("The access token was revoked.")
            : !delivery.Target.Contains("://", StringComparison.Ordinal)
                ? await mailer.SendAsync(requestId, delivery.Target, cancellationToken)
                : await sender.SendAsync(requestId, delivery.Target, token!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), token.SigningSecret, cancellationToken);
        delivery.Record(at, outcome, options, time.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        LogAttempt(logger, requestId, delivery.Attempts.Count, outcome.StatusCode, outcome.Error, delivery.State);
        return true;
    }

    /// <summary>A staff digest's attempt; the one that succeeds goes into the audit log with the attempt, in one save.</summary>
    private async Task<bool> AttemptDigestAsync(PortalDbContext db, ReportDelivery delivery, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var digestId = delivery.StaffDigestMailId!.Value;
        var outcome = await mailer.SendDigestAsync(digestId, cancellationToken);
        delivery.Record(at, outcome, options, time.GetUtcNow());
        if (delivery.State == DeliveryState.Delivered)
        {
            var digest = await db.StaffDigestMails.AsNoTracking().SingleAsync(m => m.Id == digestId, cancellationToken);
            var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == digest.UserId, cancellationToken);
            var requests = digest.RequestCount == 1 ? "1 request" : $"{digest.RequestCount} requests";
            db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), Actor.System, AuditAction.DigestSent, target: delivery.Target,
                detail: $"Daily digest for {digest.Day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} sent to {user.Name} <{delivery.Target}>, {requests}"));
        }

        await db.SaveChangesAsync(cancellationToken);
        LogDigestAttempt(logger, digestId, delivery.Attempts.Count, outcome.StatusCode, outcome.Error, delivery.State);
        return true;
    }

    /// <summary>Makes the next pass start now rather than at the next poll, for work queued without a request changing.</summary>
    public void Wake() => wake.Writer.TryWrite(true);

    [LoggerMessage(Level = LogLevel.Information, Message = "Report of request {RequestId}, attempt {Attempt}: status {Status}, error {Error}; delivery now {State}")]
    private static partial void LogAttempt(ILogger logger, long requestId, int attempt, int? status, string? error, DeliveryState state);

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest {DigestId}, attempt {Attempt}: status {Status}, error {Error}; delivery now {State}")]
    private static partial void LogDigestAttempt(ILogger logger, long digestId, int attempt, int? status, string? error, DeliveryState state);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sending due reports failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
