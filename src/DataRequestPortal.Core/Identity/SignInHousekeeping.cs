using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Identity;

/// <summary>Once a minute: writes the folded audit entries of sign-in bursts that are over, and deletes ended sessions and idle counters.</summary>
public sealed partial class SignInHousekeeping(
    StaffSignInThrottle throttle,
    SignInSessions sessions,
    TimeProvider time,
    ILogger<SignInHousekeeping> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await throttle.SweepAsync(stoppingToken);
                await sessions.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Sign-in housekeeping failed; it runs again in a minute")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
