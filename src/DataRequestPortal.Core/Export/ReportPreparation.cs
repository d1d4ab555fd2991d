using System.Threading.Channels;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// Makes the PDF report of every request this process completes, in the background and one at a time, so that the
/// first download finds it made instead of waiting for it. A download that comes while it is being made waits for
/// that render; one that finds none under way (a completion this process missed) makes it itself. While this
/// process's collector still has requests in hand, reports wait for it (up to <see cref="MaxWait"/> after their
/// completion): collecting comes first, a report can be made a moment later or by its first download.
/// </summary>
public sealed partial class ReportPreparation(
    PdfReports reports,
    RequestStatusNotifier notifier,
    ILogger<ReportPreparation> logger,
    CollectionActivity? collection = null,
    TimeProvider? time = null) : BackgroundService
{
    /// <summary>The longest a report waits for a busy collector, so a collector that never runs dry does not keep reports from being made.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(1);

    private readonly TimeProvider clock = time ?? TimeProvider.System;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Completions are taken off the notifier at once and wait here, so a long render never makes it drop any.
        var completed = Channel.CreateUnbounded<(long RequestId, long At)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var watching = WatchAsync(completed.Writer, stoppingToken);
        try
        {
            await foreach (var (requestId, at) in completed.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await WaitForCollectionAsync(at, stoppingToken);
                    await reports.PrepareAsync(requestId, stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(logger, requestId, ex);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; reports not made yet are made by their first download.
        }

        await watching;
    }

    private async Task WaitForCollectionAsync(long completedAt, CancellationToken stoppingToken)
    {
        if (collection is null || !collection.IsBusy)
        {
            return;
        }

        var left = MaxWait - clock.GetElapsedTime(completedAt);
        if (left <= TimeSpan.Zero)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(left, clock);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            await collection.WhenIdleAsync(wait.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // Waited long enough: made now, beside the collections.
        }
    }

    private async Task WatchAsync(ChannelWriter<(long RequestId, long At)> completed, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifier.WatchAsync(stoppingToken))
            {
                if (change.State == RequestState.Completed)
                {
                    completed.TryWrite((change.RequestId, clock.GetTimestamp()));
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            completed.TryComplete();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The PDF report of request {RequestId} could not be made in the background; its first download makes it")]
    private static partial void LogFailed(ILogger logger, long requestId, Exception exception);
}
