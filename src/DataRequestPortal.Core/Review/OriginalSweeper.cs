using DataRequestPortal.Core.Collection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Review;

/// <summary>Deletes collected originals once their keeping time is over, on the result clean-up's interval.</summary>
public sealed partial class OriginalSweeper(ResultReviews reviews, TimeProvider time, IOptions<ResultOptions> resultOptions, ILogger<OriginalSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(resultOptions.Value.SweepMinutes), time);
        do
        {
            try
            {
                while (await reviews.ForgetOriginalsAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Clean-up of reviewed originals failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
