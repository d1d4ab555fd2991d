using System.Collections.Concurrent;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Tests.TestSupport;

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
        inProgress.Dispose();
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
        inProgress.Dispose();
        await filing.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["filing"], written);
    }

    private static async Task WriteAsync(TestDatabase database, string name, WritePriority priority, ConcurrentQueue<string> written, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateDbContext();
        using (await DatabaseWrites.EnterAsync(db, priority, cancellationToken))
        {
            written.Enqueue(name);
        }
    }
}
