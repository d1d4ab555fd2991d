using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Keeps no result longer than allowed: deletes results past <c>Results:RetentionDays</c> (the request becomes
/// Expired) and closes self-service requests whose address was never verified within <c>Results:UnverifiedDays</c>.
/// </summary>
public sealed partial class ResultSweeper(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    RequestStatusNotifier notifier,
    ComplianceClock clock,
    TimeProvider time,
    IOptions<ResultOptions> resultOptions,
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
            r =>
            {
                store.Delete(r.Id);
                r.Expire(clock);
            },
            cancellationToken);

        var unverifiedSince = now - TimeSpan.FromDays(options.UnverifiedDays);
        var abandoned = await CloseAsync(
            r => r.State == RequestState.Unverified && r.ReceivedAt <= unverifiedSince,
            r => r.Cancel(Actor.System, clock, $"The email address was not verified within {options.UnverifiedDays} days"),
            cancellationToken);

        if (expired + abandoned > 0)
        {
            LogSwept(logger, expired, abandoned);
        }

        return expired + abandoned;
    }

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
        Action<DataRequest> close,
        CancellationToken cancellationToken)
    {
        var closed = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var requests = await db.DataRequests.Include(r => r.Timeline).Where(due).OrderBy(r => r.Id).Take(Batch).ToListAsync(cancellationToken);
            if (requests.Count == 0)
            {
                return closed;
            }

            foreach (var request in requests)
            {
                close(request);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Clean-up: {Expired} result(s) expired, {Abandoned} unverified request(s) closed")]
    private static partial void LogSwept(ILogger logger, int expired, int abandoned);

    [LoggerMessage(Level = LogLevel.Error, Message = "Clean-up of results failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
