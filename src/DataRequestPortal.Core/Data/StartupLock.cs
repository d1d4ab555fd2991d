using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// One portal process at a time brings the database up to date and seeds it, however many start together. SQL Server:
/// an exclusive application lock (<c>sp_getapplock</c>) owned by a connection of its own. SQLite: an exclusive lock on
/// a file beside the database (the operating system's file lock). Either is let go when its holder ends, even by a crash;
/// the next process then finds the work done and does nothing.
/// </summary>
internal static class StartupLock
{
    public const string SqlServerResource = "DataRequestPortal.Startup";

    /// <summary>The file beside an SQLite database that its starting processes lock in turn.</summary>
    public static string SqliteLockFile(string databasePath) => databasePath + ".startup-lock";

    // Migrating a large database can take a while; a process that waits longer than this reports it rather than hang.
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(10);

    // How often a waiting process tries the SQLite lock file again (the operating system cannot wait for it here).
    private static readonly TimeSpan FileRetry = TimeSpan.FromMilliseconds(100);

    public static async Task<IAsyncDisposable> AcquireAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlServer())
        {
            return await AcquireSqlServerAsync(db, cancellationToken);
        }

        return SqliteFile(db) is { } path ? await AcquireFileAsync(path, cancellationToken) : NoLock.Instance;
    }

    private static async Task<IAsyncDisposable> AcquireSqlServerAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        // The application lock lives in the database, so it must exist first; of two processes creating it, one fails
        // and is retried by the caller.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        // Not pooled: closing a pooled connection keeps its session, and with it the lock, alive in the pool.
        var connection = new SqlConnection(new SqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false }.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "EXEC @result = sp_getapplock @Resource = @resource, @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = @timeout;";
            command.CommandTimeout = (int)MaxWait.TotalSeconds + 30;
            command.Parameters.Add(new SqlParameter("@result", SqlDbType.Int) { Direction = ParameterDirection.Output });
            command.Parameters.AddWithValue("@resource", SqlServerResource);
            command.Parameters.AddWithValue("@timeout", (int)MaxWait.TotalMilliseconds);
            await command.ExecuteNonQueryAsync(cancellationToken);
            var result = (int)command.Parameters["@result"].Value;
            if (result < 0)
            {
                throw new TimeoutException($"Another portal process has been bringing the database up to date for {MaxWait.TotalMinutes} minutes (sp_getapplock answered {result}).");
            }

            // Closing the connection releases a session's application lock.
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<IAsyncDisposable> AcquireFileAsync(string path, CancellationToken cancellationToken)
    {
        var lockFile = SqliteLockFile(path);
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.OwnerOnlyFile;
        }

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                // FileShare.None: another process's lock (Windows' sharing mode; flock on Unix) refuses this open.
                return new FileStream(lockFile, options);
            }
            catch (IOException) when (waited.Elapsed < MaxWait)
            {
                // Real time, not the portal's clock: this waits for another process, not for a deadline.
                await Task.Delay(FileRetry, cancellationToken);
            }
        }
    }

    private static string? SqliteFile(PortalDbContext db)
    {
        if (db.Database.GetDbConnection() is not SqliteConnection connection)
        {
            return null;
        }

        var builder = new SqliteConnectionStringBuilder(connection.ConnectionString);
        var path = builder.DataSource;
        return string.IsNullOrEmpty(path) || path == ":memory:" || builder.Mode == SqliteOpenMode.Memory
            || path.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            ? null
            : Path.GetFullPath(path);
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
