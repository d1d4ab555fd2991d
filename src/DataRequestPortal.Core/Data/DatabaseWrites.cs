using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Data;

/// <summary>Whose write goes first when several wait for the database.</summary>
public enum WritePriority
{
    /// <summary>
    /// Work nobody waits on at this moment and that can be redone: the collector's claims, steps and completions.
    /// It goes after interactive writes, and on SQLite its commits do not wait for the disk: a power cut may undo
    /// the last of them (the claim then runs out and the request is collected again), a crash of the portal cannot.
    /// </summary>
    Background,

    /// <summary>A person or an API client is waiting for the answer, as with a filing.</summary>
    Interactive,
}

/// <summary>
/// SQLite lets one connection write at a time. Left to SQLite, writers that meet poll for the lock with growing
/// sleeps (up to 100 ms each), each blocking a thread meanwhile, in no particular order. The portal's hot writers
/// take turns here first instead: one at a time per database file in this process, waiting without a thread,
/// handed on the moment the previous one is done, interactive writes ahead of background work. A filing so waits
/// for at most the one short collector write in progress. Nobody holds the turn while the disk catches up: an
/// interactive writer's commit returns once it is in the write-ahead log, the turn passes on, and the writer then
/// waits for a sync of the log it shares with every other writer that committed meanwhile (<see cref="GroupSync"/>),
/// so it still answers only once its commit would survive a power cut. The log is copied into the database file in the
/// background (<see cref="LogCheckpoints"/>), not inside a writer's commit. On SQL Server, which locks rows, everyone goes
/// at once and every commit is durable.
/// </summary>
public static class DatabaseWrites
{
    private static readonly ConcurrentDictionary<string, WriteQueue> Queues = new(StringComparer.Ordinal);

    /// <summary>The shared sync of each database file's log; internal so tests can watch a file's syncs.</summary>
    internal static readonly ConcurrentDictionary<string, GroupSync> LogSyncs = new(StringComparer.Ordinal);

    /// <summary>The background checkpoints of each database file's log; internal so tests can wait for one.</summary>
    internal static readonly ConcurrentDictionary<string, LogCheckpoints> Checkpoints = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for this context's database to be free for a write; dispose the turn (<c>await using</c>) when the write is
    /// saved. On SQLite the context's connection is opened here and its commits return before the disk has them. A
    /// background write stays so: it can be redone, and a power cut may undo the last of them (a crash of the portal
    /// cannot). An interactive turn, when disposed, lets the next writer go and then waits for a shared sync of the
    /// log, so everything it committed is on the disk when its disposal returns, and the connection's later commits
    /// wait for the disk again.
    /// </summary>
    public static async ValueTask<WriteTurn> EnterAsync(DbContext db, WritePriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // The connection's type, not IsSqlite(): that reads the provider's assembly name on every call.
        if (db.Database.GetDbConnection() is not SqliteConnection)
        {
            return default;
        }

        var connectionString = db.Database.GetConnectionString() ?? "";
        var queue = Queues.GetOrAdd(connectionString, _ => new WriteQueue());
        await queue.EnterAsync(priority, cancellationToken);
        try
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            var connection = db.Database.GetDbConnection();
            var databaseFile = SqliteConnectionSettings.Relax(connection);
            var checkpoints = databaseFile is null ? null : Checkpoints.GetOrAdd(databaseFile, _ => new LogCheckpoints(connectionString));
            return priority == WritePriority.Interactive && databaseFile is not null
                ? new WriteTurn(queue, connection, LogSyncs.GetOrAdd(databaseFile, file => new GroupSync(() => SqliteConnectionSettings.SyncLog(file))), checkpoints)
                : new WriteTurn(queue, null, null, checkpoints);
        }
        catch
        {
            queue.Leave();
            throw;
        }
    }

    /// <summary>
    /// The right to write until disposed; for an interactive write, disposal returns once what was committed is on the
    /// disk. The default turn (SQL Server) holds nothing.
    /// </summary>
    public readonly struct WriteTurn : IAsyncDisposable
    {
        private readonly WriteQueue? queue;
        private readonly DbConnection? connection;
        private readonly GroupSync? logSync;
        private readonly LogCheckpoints? checkpoints;

        internal WriteTurn(WriteQueue queue, DbConnection? connection, GroupSync? logSync, LogCheckpoints? checkpoints)
        {
            this.queue = queue;
            this.connection = connection;
            this.logSync = logSync;
            this.checkpoints = checkpoints;
        }

        public async ValueTask DisposeAsync()
        {
            queue?.Leave();
            checkpoints?.Written();
            if (logSync is not null)
            {
                await logSync.SyncAsync().ConfigureAwait(false);
                SqliteConnectionSettings.Restore(connection!);
            }
        }
    }

    internal sealed class WriteQueue
    {
        private readonly Lock gate = new();
        private readonly LinkedList<TaskCompletionSource> interactive = new();
        private readonly LinkedList<TaskCompletionSource> background = new();
        private bool taken;

        public ValueTask EnterAsync(WritePriority priority, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LinkedListNode<TaskCompletionSource> waiting;
            lock (gate)
            {
                if (!taken)
                {
                    taken = true;
                    return ValueTask.CompletedTask;
                }

                var line = priority == WritePriority.Interactive ? interactive : background;
                waiting = line.AddLast(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return WaitAsync(waiting, cancellationToken);
        }

        /// <summary>Hands the turn to the first interactive writer waiting, else the first background one, else frees it.</summary>
        public void Leave()
        {
            while (true)
            {
                TaskCompletionSource next;
                lock (gate)
                {
                    var line = interactive.Count > 0 ? interactive : background.Count > 0 ? background : null;
                    if (line is null)
                    {
                        taken = false;
                        return;
                    }

                    next = line.First!.Value;
                    line.RemoveFirst();
                }

                if (next.TrySetResult())
                {
                    return;
                }
            }
        }

        private async ValueTask WaitAsync(LinkedListNode<TaskCompletionSource> waiting, CancellationToken cancellationToken)
        {
            await using var registration = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    // Still in line: leave it. Already handed the turn: keep it, the caller disposes it.
                    if (waiting.List is { } line)
                    {
                        line.Remove(waiting);
                        waiting.Value.TrySetCanceled(cancellationToken);
                    }
                }
            });
            await waiting.Value.Task.ConfigureAwait(false);
        }
    }
}
