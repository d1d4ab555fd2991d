using System.Text;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Collection;

/// <summary>What every result store does alike; each store's test class runs these against it.</summary>
public abstract class ResultStoreContractTests
{
    /// <summary>A new, empty store whose local work files are under <paramref name="localRoot"/>.</summary>
    protected abstract ResultStore NewStore(string localRoot);

    protected static string NewLocalRoot() => Path.Combine(Path.GetTempPath(), "drp-tests", "store-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Publish_ThenOpenRead_ReadsTheWholeDocument_AndTheLocalFileIsGone()
    {
        const string Document = """{"info":{"type":"email","id":"jane@example.com"},"data":[[{"type":"open","at":"2026-01-02"}]]}""";
        var store = NewStore(NewLocalRoot());
        var file = await WriteAsync(store.NewResultFile(7), Document);

        await store.PublishAsync(7, file);

        Assert.False(File.Exists(file));
        Assert.True(await store.ExistsAsync(7));
        Assert.Equal(Encoding.UTF8.GetByteCount(Document), await store.SizeOfAsync(7));
        Assert.Equal(Document, await ReadAsync(await store.OpenReadAsync(7)));
    }

    [Fact]
    public async Task Open_NothingPublished_IsNull()
    {
        var store = NewStore(NewLocalRoot());

        Assert.Null(await store.OpenReadAsync(8));
        Assert.Null(await store.SizeOfAsync(8));
        Assert.False(await store.ExistsAsync(8));
        Assert.Null(await store.OpenReportAsync(8));
        Assert.False(await store.ReportExistsAsync(8));
        Assert.Null(await store.OpenOriginalAsync(8));
        Assert.Null(await store.OpenManualUploadAsync(8, 1, ManualUploads.UploadFile));
        Assert.False(await store.DeleteAsync(8));
    }

    [Fact]
    public async Task OpenRead_CanBeReadTwice_AndKnowsItsLength()
    {
        // The PDF renderer and the review read a document twice; deliveries need its length before they send it.
        var store = NewStore(NewLocalRoot());
        await store.PublishAsync(9, await WriteAsync(store.NewResultFile(9), "[1,2,3]"));

        await using var stream = (await store.OpenReadAsync(9))!;
        Assert.Equal(7, stream.Length);
        Assert.Equal("[1,2,3]", await new StreamReader(stream, leaveOpen: true).ReadToEndAsync());
        stream.Position = 0;
        Assert.Equal("[1,2,3]", await new StreamReader(stream, leaveOpen: true).ReadToEndAsync());
    }

    [Fact]
    public async Task PublishReport_KeepsThePdfBesideTheResult_UntilTheResultIsPublishedAgain()
    {
        var store = NewStore(NewLocalRoot());
        await store.PublishAsync(10, await WriteAsync(store.NewResultFile(10), "{}"));
        var report = await WriteAsync(store.NewReportFile(10), "%PDF-1.7 report");

        await store.PublishReportAsync(10, report);

        Assert.False(File.Exists(report));
        Assert.True(await store.ReportExistsAsync(10));
        Assert.Equal("%PDF-1.7 report", await ReadAsync(await store.OpenReportAsync(10)));

        // A new result (a release after review, a retry) makes the old report wrong: it goes.
        await store.PublishAsync(10, await WriteAsync(store.NewResultFile(10), """{"new":true}"""));
        Assert.False(await store.ReportExistsAsync(10));
        Assert.Equal("""{"new":true}""", await ReadAsync(await store.OpenReadAsync(10)));
    }

    [Fact]
    public async Task PublishOriginal_IsKeptApartFromTheResult_UntilDeleted()
    {
        var store = NewStore(NewLocalRoot());

        await store.PublishOriginalAsync(11, await WriteAsync(store.NewResultFile(11), """{"collected":true}"""));

        Assert.True(await store.OriginalExistsAsync(11));
        Assert.Equal("""{"collected":true}""", await ReadAsync(await store.OpenOriginalAsync(11)));
        Assert.False(await store.ExistsAsync(11));
        Assert.Null(await store.OpenReadAsync(11));

        await store.DeleteOriginalAsync(11);
        Assert.False(await store.OriginalExistsAsync(11));
        Assert.Null(await store.OpenOriginalAsync(11));
    }

    [Fact]
    public async Task Delete_RemovesResultReportAndManualUploads_OfThatRequestOnly()
    {
        var store = NewStore(NewLocalRoot());
        foreach (var id in new long[] { 12, 13 })
        {
            await store.PublishAsync(id, await WriteAsync(store.NewResultFile(id), "{}"));
            await store.PublishReportAsync(id, await WriteAsync(store.NewReportFile(id), "%PDF"));
            await store.PublishManualUploadAsync(id, 1, await UploadFolderAsync(store, id, 1));
        }

        Assert.True(await store.DeleteAsync(12));

        Assert.False(await store.ExistsAsync(12));
        Assert.False(await store.ReportExistsAsync(12));
        Assert.Null(await store.OpenManualUploadAsync(12, 1, ManualUploads.UploadFile));
        Assert.Null(await store.OpenManualUploadAsync(12, 1, "1.pdf"));
        Assert.True(await store.ExistsAsync(13));
        Assert.True(await store.ReportExistsAsync(13));
        Assert.NotNull(await ReadAsync(await store.OpenManualUploadAsync(13, 1, "1.pdf")));
        Assert.False(await store.DeleteAsync(12));
    }

    [Fact]
    public async Task PublishManualUpload_ReplacesAnEarlierUploadOfTheTask()
    {
        var store = NewStore(NewLocalRoot());
        await store.PublishManualUploadAsync(14, 2, await UploadFolderAsync(store, 14, 2, ("1.pdf", "first scan")));
        var second = await UploadFolderAsync(store, 14, 2, ("1.txt", "second note"));

        await store.PublishManualUploadAsync(14, 2, second);

        Assert.False(Directory.Exists(second));
        Assert.Null(await store.OpenManualUploadAsync(14, 2, "1.pdf"));
        Assert.Equal("second note", await ReadAsync(await store.OpenManualUploadAsync(14, 2, "1.txt")));

        await store.DeleteManualUploadAsync(14, 2);
        Assert.Null(await store.OpenManualUploadAsync(14, 2, "1.txt"));
    }

    [Fact]
    public void SharedKey_IsMadeOnce_AndEveryProcessReadsTheSame()
    {
        var first = NewStore(NewLocalRoot());
        var second = SecondProcess(first);

        var key = first.SharedKey(PortalKey.FileName);

        Assert.Equal(32, key.Length);
        Assert.Equal(key, first.SharedKey(PortalKey.FileName));
        Assert.Equal(key, second.SharedKey(PortalKey.FileName));
    }

    [Fact]
    public async Task Publish_ByOneProcess_IsReadByAnother()
    {
        var first = NewStore(NewLocalRoot());
        var second = SecondProcess(first);

        await first.PublishAsync(15, await WriteAsync(first.NewResultFile(15), "[15]"));

        Assert.Equal("[15]", await ReadAsync(await second.OpenReadAsync(15)));
        Assert.True(await second.DeleteAsync(15));
        Assert.False(await first.ExistsAsync(15));
    }

    [Fact]
    public async Task Sweep_AfterRetention_DeletesTheResultAndItsReport()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await CollectionHarness.CreateAsync([new FakeSource("mail", "message")], time: time, store: NewStore);
        var request = await harness.FileAsync("jane@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "p", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Completed, await harness.Collector().CollectAsync(request.Id, "p", CancellationToken.None));
        await harness.Store.PublishReportAsync(request.Id, await WriteAsync(harness.Store.NewReportFile(request.Id), "%PDF"));
        var sweeper = new ResultSweeper(
            harness.Database, harness.Store, harness.Notifier, harness.Clock, time,
            Microsoft.Extensions.Options.Options.Create(harness.ResultOptions), Microsoft.Extensions.Options.Options.Create(harness.RequestOptions), NullLogger<ResultSweeper>.Instance);

        time.Advance(TimeSpan.FromDays(30) - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await sweeper.SweepAsync(CancellationToken.None));
        Assert.True(await harness.Store.ExistsAsync(request.Id));

        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        Assert.Equal(RequestState.Expired, (await harness.LoadAsync(request.Id)).State);
        Assert.False(await harness.Store.ExistsAsync(request.Id));
        Assert.False(await harness.Store.ReportExistsAsync(request.Id));
    }

    /// <summary>Another portal process's view of the same store.</summary>
    protected abstract ResultStore SecondProcess(ResultStore first);

    protected static async Task<string> WriteAsync(string file, string content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, content);
        return file;
    }

    protected static async Task<string?> ReadAsync(Stream? stream)
    {
        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            return await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
        }
    }

    private static async Task<string> UploadFolderAsync(ResultStore store, long requestId, int task, params (string Name, string Content)[] files)
    {
        var folder = store.NewManualUploadFolder(requestId, task);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, ManualUploads.UploadFile), """{"records":[],"files":[]}""");
        foreach (var (name, content) in files.Length == 0 ? [("1.pdf", "%PDF scan")] : files)
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), content);
        }

        return folder;
    }
}
