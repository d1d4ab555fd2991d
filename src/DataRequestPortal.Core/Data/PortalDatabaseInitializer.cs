using DataRequestPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Data;

/// <summary>Brings the database up to date at start-up, then seeds roles and the first admin.</summary>
public static partial class PortalDatabaseInitializer
{
    private const int MaxAttempts = 10;

    public static async Task InitializePortalDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalDatabaseInitializer).FullName!);
        var time = provider.GetRequiredService<TimeProvider>();
        var db = provider.GetRequiredService<PortalDbContext>();

        // A database server started alongside the portal (docker-compose) may need a moment to accept connections.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await db.Database.MigrateAsync(cancellationToken);
                break;
            }
            catch (Exception ex) when (attempt < MaxAttempts && !db.Database.IsSqlite() && ex is not OperationCanceledException)
            {
                var delay = TimeSpan.FromSeconds(Math.Min(30, 2 * attempt));
                LogWaiting(logger, attempt, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
        }

        var seed = provider.GetRequiredService<IOptions<SeedOptions>>().Value;
        await provider.GetRequiredService<StaffSeed>().RunAsync(seed, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready (attempt {Attempt}), retrying in {Seconds} s: {Error}")]
    private static partial void LogWaiting(ILogger logger, int attempt, double seconds, string error);
}
