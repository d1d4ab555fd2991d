using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// How the portal's SQLite connections share the file, set on each physical connection as it first opens.
/// Write-ahead logging: readers (pages, API calls, the collector's source queries) never hold up a writer, nor a
/// writer them, and a commit appends to the log instead of rewriting a journal. SQLite's own busy wait: a writer that
/// finds the write lock taken waits in steps of a few milliseconds inside SQLite, up to the command timeout, instead
/// of Microsoft.Data.Sqlite's retry loop, which sleeps 150 ms at a time. Every commit waits for the disk
/// (<c>synchronous = FULL</c>) unless a write that can be redone asked otherwise for itself (<see cref="DatabaseWrites"/>).
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
    /// cut, though not a crash of the portal, may undo the last of them. The next open of the connection, by
    /// anyone, waits for the disk again; so does any later full commit, for everything committed before it.
    /// </summary>
    public static void Relax(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite || sqlite.Handle is not { } handle || !Configured.TryGetValue(handle, out var durability))
        {
            return;
        }

        Execute(sqlite, "PRAGMA synchronous = NORMAL;");
        durability.Relaxed = true;
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
        var pragmas = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeout};PRAGMA synchronous = FULL;");
        if (settings.Mode != SqliteOpenMode.ReadOnly)
        {
            // Kept in the file: the first connection switches it, later ones find it so.
            pragmas += "PRAGMA journal_mode = WAL;";
        }

        Execute(sqlite, pragmas);
        Configured.AddOrUpdate(handle, new Durability());
    }

    private static void Execute(SqliteConnection connection, string pragmas)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }

    private sealed class Durability
    {
        public bool Relaxed { get; set; }
    }
}
