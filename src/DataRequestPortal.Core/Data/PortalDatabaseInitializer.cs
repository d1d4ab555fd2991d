using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Requests.Demo;
using DataRequestPortal.Core.Sources.Platform.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// Brings the database up to date at start-up, then seeds roles, the first admin and, when asked, demo data. Processes
/// starting together on one database take turns (<see cref="StartupLock"/>): the first migrates and seeds, the others
/// find everything in place and add nothing.
/// </summary>
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
        await using (await MigrateAsync(db, time, logger, cancellationToken))
        {
            await AccountLookupKeys.RefreshAsync(db, logger, cancellationToken);

            var seed = provider.GetRequiredService<IOptions<SeedOptions>>().Value;
            await provider.GetRequiredService<StaffSeed>().RunAsync(seed, cancellationToken);
            if (seed.DemoData)
            {
                await PlatformDemoSeed.SeedDevelopmentSetAsync(db, time, logger, cancellationToken);
            }

            if (seed.DemoRequests && !string.IsNullOrWhiteSpace(seed.AdminEmail))
            {
                var clock = provider.GetRequiredService<ComplianceClock>();
                await DemoRequestHistory.SeedAsync(db, time, clock.Zone, seed.AdminEmail, cancellationToken);
            }
        }
    }

    /// <summary>Only brings the schema up to date: for operator commands, which seed nothing they were not asked for.</summary>
    public static async Task MigratePortalDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var provider = scope.ServiceProvider;
        var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PortalDatabaseInitializer).FullName!);
        var held = await MigrateAsync(provider.GetRequiredService<PortalDbContext>(), provider.GetRequiredService<TimeProvider>(), logger, cancellationToken);
        await held.DisposeAsync();
    }

    /// <summary>Takes the start-up lock and brings the schema up to date; the lock is held until the result is disposed.</summary>
    private static async Task<IAsyncDisposable> MigrateAsync(PortalDbContext db, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        // A database server started alongside the portal (docker-compose) may need a moment to accept connections.
        for (var attempt = 1; ; attempt++)
        {
            IAsyncDisposable? held = null;
            try
            {
                held = await StartupLock.AcquireAsync(db, cancellationToken);
                await db.Database.MigrateAsync(cancellationToken);
                RestrictSqliteFiles(db);
                return held;
            }
            catch (Exception ex) when (attempt < MaxAttempts && !db.Database.IsSqlite() && ex is not OperationCanceledException)
            {
                if (held is not null)
                {
                    await held.DisposeAsync();
                }

                var delay = TimeSpan.FromSeconds(Math.Min(30, 2 * attempt));
                LogWaiting(logger, attempt, delay.TotalSeconds, ex.Message);
                await Task.Delay(delay, time, cancellationToken);
            }
            catch
            {
                if (held is not null)
                {
                    await held.DisposeAsync();
                }

                throw;
            }
        }
    }

    /// <summary>
    /// The SQLite file holds every subject's data: only the portal's user may read it, nor its journals, which SQLite
    /// creates with the database file's permissions from then on.
    /// </summary>
    private static void RestrictSqliteFiles(PortalDbContext db)
    {
        if (!db.Database.IsSqlite() || db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return;
        }

        var path = new SqliteConnectionStringBuilder(connection.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(path) || path == ":memory:" || !Path.IsPathRooted(path))
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal", StartupLock.SqliteLockFile(path) })
        {
            PrivateFiles.Restrict(file);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready (attempt {Attempt}), retrying in {Seconds} s: {Error}")]
    private static partial void LogWaiting(ILogger logger, int attempt, double seconds, string error);
}
