using Microsoft.Data.Sqlite;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// Copies an SQLite database's write-ahead log into the database file in the background, every
/// <see cref="TurnsPerCheckpoint"/> write turns, on a connection of its own. SQLite would otherwise do it inside the
/// commit that fills the log past a thousand pages, and that commit's writer would hold the portal's write turn while
/// the pages are copied and the file synced, with every filing behind it waiting. A passive checkpoint takes no write
/// lock: writers go on meanwhile. SQLite's own checkpoint stays as a safety net, at a larger log
/// (<see cref="SafetyNetPages"/>), for writes that take no turn.
/// </summary>
internal sealed class LogCheckpoints
{
    /// <summary>Write turns between two checkpoints: a filing or a collector step writes a few pages.</summary>
    public const int TurnsPerCheckpoint = 100;

    /// <summary>The log size, in pages, at which a commit checkpoints by itself (SQLite's own default is 1,000).</summary>
    public const int SafetyNetPages = 10_000;

    private readonly string connectionString;
    private int turns;
    private int running;
    private Task lastRun = Task.CompletedTask;

    /// <param name="portalConnectionString">The writers' connection string: its other settings (a password, say) stay.</param>
    public LogCheckpoints(string portalConnectionString)
    {
        // A connection of its own that never creates the file (a database deleted meanwhile stays deleted) and holds
        // nothing open between checkpoints.
        connectionString = new SqliteConnectionStringBuilder(portalConnectionString) { Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
    }

    /// <summary>The checkpoint started last; completed when none has run.</summary>
    internal Task LastRun => Volatile.Read(ref lastRun);

    /// <summary>Counts a write turn that ended; every <see cref="TurnsPerCheckpoint"/>th starts a checkpoint unless one runs.</summary>
    public void Written()
    {
        if (Interlocked.Increment(ref turns) < TurnsPerCheckpoint || Interlocked.CompareExchange(ref running, 1, 0) != 0)
        {
            return;
        }

        Interlocked.Exchange(ref turns, 0);
        Volatile.Write(ref lastRun, Task.Run(Run));
    }

    private void Run()
    {
        try
        {
            using var connection = new SqliteConnection(connectionString);
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            checkpoint.ExecuteNonQuery();
        }
        catch (SqliteException)
        {
            // The file is gone or cannot be opened now: the next checkpoint tries again, and a commit past the safety
            // net checkpoints by itself.
        }
        finally
        {
            Volatile.Write(ref running, 0);
        }
    }
}
