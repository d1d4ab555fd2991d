using System.Collections.Concurrent;
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
/// for at most the one short collector write in progress. On SQL Server, which locks rows, everyone goes at once
/// and every commit is durable.
/// </summary>
public static class DatabaseWrites
{
    private static readonly ConcurrentDictionary<string, WriteQueue> Queues = new(StringComparer.Ordinal);

    /// <summary>
    /// Waits for this context's database to be free for a write; dispose the turn when the write is saved. For a
    /// background write the context's connection is opened here, to commit without waiting for the disk.
    /// </summary>
    public static async ValueTask<WriteTurn> EnterAsync(DbContext db, WritePriority priority, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite())
        {
            return default;
        }

        var queue = Queues.GetOrAdd(db.Database.GetConnectionString() ?? "", _ => new WriteQueue());
        var turn = await queue.EnterAsync(priority, cancellationToken);
        if (priority == WritePriority.Background)
        {
            try
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
                SqliteConnectionSettings.Relax(db.Database.GetDbConnection());
            }
            catch
            {
                turn.Dispose();
                throw;
            }
        }

        return turn;
    }

    /// <summary>The right to write until disposed; the default turn (SQL Server) holds nothing.</summary>
    public readonly struct WriteTurn : IDisposable
    {
        private readonly WriteQueue? queue;

        internal WriteTurn(WriteQueue queue) => this.queue = queue;

        public void Dispose() => queue?.Leave();
    }

    internal sealed class WriteQueue
    {
        private readonly Lock gate = new();
        private readonly LinkedList<TaskCompletionSource<WriteTurn>> interactive = new();
        private readonly LinkedList<TaskCompletionSource<WriteTurn>> background = new();
        private bool taken;

        public ValueTask<WriteTurn> EnterAsync(WritePriority priority, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LinkedListNode<TaskCompletionSource<WriteTurn>> waiting;
            lock (gate)
            {
                if (!taken)
                {
                    taken = true;
                    return ValueTask.FromResult(new WriteTurn(this));
                }

                var line = priority == WritePriority.Interactive ? interactive : background;
                waiting = line.AddLast(new TaskCompletionSource<WriteTurn>(TaskCreationOptions.RunContinuationsAsynchronously));
            }

            return WaitAsync(waiting, cancellationToken);
        }

        /// <summary>Hands the turn to the first interactive writer waiting, else the first background one, else frees it.</summary>
        public void Leave()
        {
            while (true)
            {
                TaskCompletionSource<WriteTurn> next;
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

                if (next.TrySetResult(new WriteTurn(this)))
                {
                    return;
                }
            }
        }

        private async ValueTask<WriteTurn> WaitAsync(LinkedListNode<TaskCompletionSource<WriteTurn>> waiting, CancellationToken cancellationToken)
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
            return await waiting.Value.Task.ConfigureAwait(false);
        }
    }
}
