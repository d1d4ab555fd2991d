using System.Net;
using Azure.Storage.Blobs.Models;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Tests.Collection;

/// <summary>The Azure Blob store against Azurite, the official emulator: the same contract as the folder, and a private container.</summary>
public class BlobResultStoreTests(AzuriteFixture azurite) : ResultStoreContractTests, IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Publish_MakesAPrivateContainer_ThatAnAnonymousReaderCannotRead()
    {
        var store = (BlobResultStore)NewStore(NewLocalRoot());

        await store.PublishAsync(31, await WriteAsync(store.NewResultFile(31), """{"secret":"jane@example.com"}"""));

        var policy = (await store.Container.GetAccessPolicyAsync()).Value;
        Assert.Equal(PublicAccessType.None, policy.BlobPublicAccess);
        using var anonymous = new HttpClient();
        var blobUrl = store.Container.GetBlobClient("31.json").Uri;
        using var response = await anonymous.GetAsync(blobUrl);
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("jane@example.com", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var listing = await anonymous.GetAsync(store.Container.Uri + "?restype=container&comp=list");
        Assert.NotEqual(HttpStatusCode.OK, listing.StatusCode);
    }

    [Fact]
    public async Task Publish_IntoAContainerOpenToThePublic_IsRefused_AndNothingIsWritten()
    {
        var name = AzuriteServer.NewContainerName();
        await azurite.Server.Container(name).CreateAsync(PublicAccessType.Blob);
        var store = new BlobResultStore(new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString, Container = name }, NewLocalRoot());
        var file = await WriteAsync(store.NewResultFile(32), "{}");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => store.PublishAsync(32, file));

        Assert.Contains("public", refused.Message, StringComparison.Ordinal);
        Assert.Contains(name, refused.Message, StringComparison.Ordinal);
        Assert.Empty(await azurite.Server.Container(name).GetBlobsAsync().ToListAsync());
    }

    [Fact]
    public async Task Open_WhenTheServiceCannotBeReached_SaysWhichContainer()
    {
        var options = new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString.Replace($":{azurite.Server.Port}/", ":9/", StringComparison.Ordinal), Container = "results" };
        var store = new BlobResultStore(options, NewLocalRoot());

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => store.OpenReadAsync(1));

        Assert.Contains("'results'", failed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "results", "Results:AzureBlob:ConnectionString is empty")]
    [InlineData("UseDevelopmentStorage=true", "Results", "is not a container name")]
    [InlineData("UseDevelopmentStorage=true", "ab", "is not a container name")]
    public void Settings_Incomplete_AreRefusedAtStart(string? connectionString, string container, string problem)
    {
        var options = new ResultOptions { Store = ResultStoreKind.AzureBlob, AzureBlob = new ResultBlobOptions { ConnectionString = connectionString, Container = container } };

        var result = new ResultStoreSettings().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_AzureBlob_MakesTheBlobStore_AndTheDefaultIsTheFolder()
    {
        var local = NewLocalRoot();
        var blob = ResultStore.Create(Options.Create(new ResultOptions { Store = ResultStoreKind.AzureBlob, Path = local, AzureBlob = new() { ConnectionString = azurite.Server.ConnectionString } }), "/");

        Assert.IsType<BlobResultStore>(blob);
        Assert.Equal("datarequest-results", ((BlobResultStore)blob).Container.Name);
        Assert.IsType<FolderResultStore>(ResultStore.Create(Options.Create(new ResultOptions { Path = local }), "/"));
    }

    protected override ResultStore NewStore(string localRoot) =>
        new BlobResultStore(new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString, Container = AzuriteServer.NewContainerName() }, localRoot);

    protected override ResultStore SecondProcess(ResultStore first) =>
        new BlobResultStore(new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString, Container = ((BlobResultStore)first).Container.Name }, NewLocalRoot());
}
