using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Win32.SafeHandles;
using SQLitePCL;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// How the portal's SQLite connections share the file, set on each physical connection as it first opens.
/// Write-ahead logging: readers (pages, API calls, the collector's source queries) never hold up a writer, nor a
/// writer them, and a commit appends to the log instead of rewriting a journal. SQLite's own busy wait: a writer that
/// finds the write lock taken waits in steps of a few milliseconds inside SQLite, up to the command timeout, instead
/// of Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms at a time. Every commit waits for the disk
/// (<c>synchronous = FULL</c>) unless a write that can be redone, or one that syncs the log itself before it answers,
/// asked otherwise for itself (<see cref="DatabaseWrites"/>). A commit copies the log into the database file by itself
/// only past a large log: the portal's writes have that done in the background (<see cref="LogCheckpoints"/>).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    // Keyed by the native connection, which the pool keeps across opens; weak, so closed connections are forgotten.
    private static readonly ConditionalWeakTable<sqlite3, Durability> Configured = [];

    private SqliteConnectionSettings()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Lets commits on this open connection return before the disk has them (<c>synchronous = NORMAL</c>): a power
    /// cut, though not a crash of the portal, may undo the last of them, until the write-ahead log is next synced
    /// (<see cref="SyncLog"/>, or any later full commit, for everything committed before it). The next open of the
    /// connection, by anyone, waits for the disk again, as does <see cref="Restore"/>. Returns the database file whose
    /// log holds the relaxed commits; null when nothing was relaxed (a database in memory, or one not in write-ahead
    /// mode, whose commits stay full).
    /// </summary>
    public static string? Relax(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle || !Configured.TryGetValue(handle, out var durability)
            || !durability.WriteAheadLog || string.IsNullOrEmpty(sqlite.DataSource))
        {
            return null;
        }

        Execute(sqlite, "PRAGMA synchronous = NORMAL;");
        durability.Relaxed = true;
        return sqlite.DataSource;
    }

    /// <summary>Makes this open connection's later commits wait for the disk again, as they did before <see cref="Relax"/>.</summary>
    public static void Restore(DbConnection connection)
    {
        if (connection is SqliteConnection { State: System.Data.ConnectionState.Open, Handle: { } handle } sqlite
            && Configured.TryGetValue(handle, out var durability) && durability.Relaxed)
        {
            Execute(sqlite, "PRAGMA synchronous = FULL;");
            durability.Relaxed = false;
        }
    }

    /// <summary>
    /// Syncs the write-ahead log of <paramref name="databaseFile"/> to the disk, and with it every commit made to it
    /// so far, relaxed or not. Without a log there is nothing to sync: SQLite removes it only after copying it into
    /// the database file and syncing that. The log is opened anew each time (SQLite may remove and create it again),
    /// and only the log: closing another handle to the database file itself would drop SQLite's locks on it.
    /// </summary>
    public static void SyncLog(string databaseFile)
    {
        SafeFileHandle log;
        try
        {
            log = File.OpenHandle(databaseFile + "-wal", FileMode.Open, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (FileNotFoundException)
        {
            return;
        }

        using (log)
        {
            RandomAccess.FlushToDisk(log);
        }
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle)
        {
            return;
        }

        if (Configured.TryGetValue(handle, out var durability))
        {
            if (durability.Relaxed)
            {
                Execute(sqlite, "PRAGMA synchronous = FULL;");
                durability.Relaxed = false;
            }

            return;
        }

        var settings = new SqliteConnectionStringBuilder(sqlite.ConnectionString);
        var busyTimeout = settings.DefaultTimeout == 0 ? int.MaxValue : Math.Min(settings.DefaultTimeout * 1000L, int.MaxValue);
        Execute(sqlite, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeout};PRAGMA synchronous = FULL;PRAGMA wal_autocheckpoint = {LogCheckpoints.SafetyNetPages};"));
        // Kept in the file: the first connection switches it, later ones find it so. A database that cannot (in memory,
        // read-only, or on a file system without shared memory) answers with the mode it stays in.
        using var journal = sqlite.CreateCommand();
        journal.CommandText = settings.Mode == SqliteOpenMode.ReadOnly ? "PRAGMA journal_mode;" : "PRAGMA journal_mode = WAL;";
        var mode = journal.ExecuteScalar() as string;
        Configured.AddOrUpdate(handle, new Durability { WriteAheadLog = string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase) });
    }

    private static void Execute(SqliteConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    private sealed class Durability
    {
        public bool WriteAheadLog { get; init; }

        public bool Relaxed { get; set; }
    }
}
