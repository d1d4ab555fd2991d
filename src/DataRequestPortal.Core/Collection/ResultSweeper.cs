using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Keeps no result longer than allowed: deletes results past <c>Results:RetentionDays</c> (the request becomes
/// Expired), closes self-service requests whose address was never verified within <c>Results:UnverifiedDays</c>, and
/// closes requests whose subject left a question unanswered for <c>Requests:AwaitingSubjectDays</c> (they are told why).
/// </summary>
public sealed partial class ResultSweeper(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    RequestStatusNotifier notifier,
    ComplianceClock clock,
    TimeProvider time,
    IOptions<ResultOptions> resultOptions,
    IOptions<RequestOptions> requestOptions,
    ILogger<ResultSweeper> logger) : BackgroundService
{
    private const int Batch = 100;

    private readonly ResultOptions options = resultOptions.Value;

    /// <summary>One pass over expired results and stale unverified requests; returns how many requests it closed.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var expired = await CloseAsync(
            r => r.State == RequestState.Completed && r.ExpiresAt <= now,
            async r =>
            {
                await store.DeleteAsync(r.Id, cancellationToken);
                r.Expire(clock);
            },
            cancellationToken);

        var unverifiedSince = now - TimeSpan.FromDays(options.UnverifiedDays);
        var abandoned = await CloseAsync(
            r => r.State == RequestState.Unverified && r.ReceivedAt <= unverifiedSince,
            r =>
            {
                r.Cancel(Actor.System, clock, $"The email address was not verified within {options.UnverifiedDays} days");
                return Task.CompletedTask;
            },
            cancellationToken);

        var waitDays = requestOptions.Value.AwaitingSubjectDays;
        var unansweredSince = now - TimeSpan.FromDays(waitDays);
        var unanswered = await CloseAsync(
            r => r.State == RequestState.AwaitingSubject && r.PausedSince <= unansweredSince,
            r =>
            {
                r.Cancel(Actor.System, clock, UnansweredReason(waitDays));
                return Task.CompletedTask;
            },
            cancellationToken);

        if (expired + abandoned + unanswered > 0)
        {
            LogSwept(logger, expired, abandoned, unanswered);
        }

        return expired + abandoned + unanswered;
    }

    /// <summary>The reason a request closes when the subject's answer never came; the subject reads it.</summary>
    public static string UnansweredReason(int days) =>
        $"We asked you for information we need to handle this request and had no answer within {days} days, so we closed it. You can ask again at any time.";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.SweepMinutes), time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<int> CloseAsync(
        System.Linq.Expressions.Expression<Func<DataRequest, bool>> due,
        Func<DataRequest, Task> close,
        CancellationToken cancellationToken)
    {
        var closed = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var requests = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery().Where(due).OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (requests.Count == 0)
            {
                return closed;
            }

            foreach (var request in requests)
            {
                await close(request);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone changed one of these meanwhile; the next pass sees the current state.
                return closed;
            }

            closed += requests.Count;
            var at = time.GetUtcNow();
            foreach (var request in requests)
            {
                notifier.Publish(RequestStatusChange.Of(request, at));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Clean-up: {Expired} result(s) expired, {Abandoned} unverified request(s) closed, {Unanswered} request(s) closed after the subject did not answer")]
    private static partial void LogSwept(ILogger logger, int expired, int abandoned, int unanswered);

    [LoggerMessage(Level = LogLevel.Error, Message = "Clean-up of results failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
