using System.Collections.Concurrent;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Data;

public class DatabaseWritesTests
{
    [Fact]
    public async Task EnterAsync_FilingWaitingBehindTheCollector_GoesBeforeCollectorWritesThatCameEarlier()
    {
        await using var database = await TestDatabase.CreateAsync();
        var written = new ConcurrentQueue<string>();
        await using var collecting = database.CreateDbContext();
        var inProgress = await DatabaseWrites.EnterAsync(collecting, WritePriority.Background, CancellationToken.None);

        var claim = WriteAsync(database, "claim", WritePriority.Background, written);
        var step = WriteAsync(database, "step", WritePriority.Background, written);
        var filing = WriteAsync(database, "filing", WritePriority.Interactive, written);
        await inProgress.DisposeAsync();
        await Task.WhenAll(claim, step, filing).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["filing", "claim", "step"], written);
    }

    [Fact]
    public async Task EnterAsync_WriterGivesUpWaiting_TheNextOneGoes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var written = new ConcurrentQueue<string>();
        await using var collecting = database.CreateDbContext();
        var inProgress = await DatabaseWrites.EnterAsync(collecting, WritePriority.Background, CancellationToken.None);
        using var givingUp = new CancellationTokenSource();

        var abandoned = WriteAsync(database, "abandoned", WritePriority.Interactive, written, givingUp.Token);
        var filing = WriteAsync(database, "filing", WritePriority.Interactive, written);
        await givingUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
        await inProgress.DisposeAsync();
        await filing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["filing"], written);
    }

    [Fact]
    public async Task InteractiveTurn_CommitsWithoutWaitingForTheDisk_ThenTheConnectionWaitsForItAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        long during;
        await using (await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, CancellationToken.None))
        {
            during = await SynchronousAsync(db);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Name TEXT); INSERT INTO Probe VALUES ('written');");
        }

        Assert.Equal(1, during);
        Assert.Equal(2, await SynchronousAsync(db));
        await using var other = database.CreateDbContext();
        Assert.Equal("written", Assert.Single(await other.Database.SqlQueryRaw<string>("SELECT Name AS Value FROM Probe").ToListAsync()));
    }

    [Fact]
    public async Task InteractiveTurn_EndsOnlyAfterASyncOfTheLogThatBeganAfterItsCommit()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var file = ((SqliteConnection)db.Database.GetDbConnection()).DataSource;
        var committed = false;
        var committedWhenTheSyncBegan = false;
        var syncBegan = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var letTheSyncFinish = new ManualResetEventSlim();
        DatabaseWrites.LogSyncs[file] = new GroupSync(() =>
        {
            committedWhenTheSyncBegan = Volatile.Read(ref committed);
            syncBegan.TrySetResult();
            letTheSyncFinish.Wait(TimeSpan.FromSeconds(30));
        });
        try
        {
            var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, CancellationToken.None);
            await db.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Name TEXT); INSERT INTO Probe VALUES ('written');");
            Volatile.Write(ref committed, true);

            var ending = turn.DisposeAsync().AsTask();
            await syncBegan.Task.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.False(ending.IsCompleted, "the turn ended while its commit was not yet on the disk");
            letTheSyncFinish.Set();
            await ending.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(committedWhenTheSyncBegan);
        }
        finally
        {
            DatabaseWrites.LogSyncs.TryRemove(file, out _);
        }
    }

    [Fact]
    public async Task WriteTurns_LeaveCopyingTheLogIntoTheDatabaseFileToABackgroundCheckpoint()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var file = ((SqliteConnection)db.Database.GetDbConnection()).DataSource;
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Probe (Content BLOB)");
        var before = new FileInfo(file).Length;

        // Twelve pages a write: by the last of these the log holds more than the thousand pages at which SQLite's own
        // checkpoint, run inside the commit and so inside the write turn, would have copied it.
        for (var turn = 1; turn < LogCheckpoints.TurnsPerCheckpoint; turn++)
        {
            await WriteBlobAsync(db);
        }

        Assert.Equal(before, new FileInfo(file).Length);

        await WriteBlobAsync(db);
        await DatabaseWrites.Checkpoints[file].LastRun.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(new FileInfo(file).Length >= before + (LogCheckpoints.TurnsPerCheckpoint * 48 * 1024), $"the database file is {new FileInfo(file).Length:N0} bytes");
        Assert.Equal(LogCheckpoints.TurnsPerCheckpoint, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM Probe").SingleAsync());
    }

    private static async Task WriteBlobAsync(PortalDbContext db)
    {
        await using (await DatabaseWrites.EnterAsync(db, WritePriority.Background, CancellationToken.None))
        {
            await db.Database.ExecuteSqlRawAsync("INSERT INTO Probe VALUES (randomblob(49152))");
        }
    }

    [Fact]
    public async Task BackgroundTurn_LeavesTheConnectionRelaxedUntilItIsOpenedAgain()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        await using (await DatabaseWrites.EnterAsync(db, WritePriority.Background, CancellationToken.None))
        {
        }

        Assert.Equal(1, await SynchronousAsync(db));
    }

    [Fact]
    public void SyncLog_WithoutALog_HasNothingToSync()
    {
        var folder = Directory.CreateTempSubdirectory("drp-log-");
        try
        {
            SqliteConnectionSettings.SyncLog(Path.Combine(folder.FullName, "portal.db"));

            Assert.Empty(folder.GetFiles());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<long> SynchronousAsync(PortalDbContext db)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        await using (command)
        {
            command.CommandText = "PRAGMA synchronous;";
            return (long)(await command.ExecuteScalarAsync())!;
        }
    }

    private static async Task WriteAsync(TestDatabase database, string name, WritePriority priority, ConcurrentQueue<string> written, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateDbContext();
        await using (await DatabaseWrites.EnterAsync(db, priority, cancellationToken))
        {
            written.Enqueue(name);
        }
    }
}
