using DataRequestPortal.Core.Collection;

namespace DataRequestPortal.Core.Tests.Collection;

public class FolderResultStoreTests : ResultStoreContractTests
{
    [Fact]
    public async Task Publish_KeepsTheFilesWhereTheyAlwaysWere()
    {
        var store = new FolderResultStore(NewLocalRoot());

        await store.PublishAsync(21, await WriteAsync(store.NewResultFile(21), "{}"));
        await store.PublishReportAsync(21, await WriteAsync(store.NewReportFile(21), "%PDF"));

        Assert.True(File.Exists(Path.Combine(store.Root, "21.json")));
        Assert.True(File.Exists(Path.Combine(store.Root, "21.pdf")));
    }

    protected override ResultStore NewStore(string localRoot) => new FolderResultStore(localRoot);

    protected override ResultStore SecondProcess(ResultStore first) => new FolderResultStore(first.LocalRoot);
}
