using System.Net;
using System.Security.Cryptography;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>The datarequest calls with results kept in Azure Blob Storage (Azurite, the official emulator).</summary>
public class DataRequestEndpointsBlobStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Get_CompletedRequest_ResultsInAzureBlob_DownloadsJsonAndPdfKeptInTheContainer()
    {
        var container = AzuriteServer.NewContainerName();
        await using var factory = new PortalFactory();
        factory.Settings["Results:Store"] = "AzureBlob";
        factory.Settings["Results:AzureBlob:ConnectionString"] = azurite.Server.ConnectionString;
        factory.Settings["Results:AzureBlob:Container"] = container;
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);

        var id = CreatedId(await client.PostAsync("/v1/datarequest", Json("""{"email":"jane.doe@example.com"}""")));
        var status = await WaitForStatusAsync(client, id);

        var json = await client.GetAsync($"/v1/datarequest/{id}");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        AssertExactJson(json);
        var bytes = await json.Content.ReadAsByteArrayAsync();
        Assert.Equal(status.GetProperty("available").GetInt64(), bytes.Length);
        Assert.Equal(status.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains("jane.doe@example.com", await PdfCoverAsync(await client.GetAsync($"/v1/datarequest/{id}/pdf")), StringComparison.Ordinal);

        // Kept in the container, beside each other, and not in the local folder.
        var blobs = await azurite.Server.Container(container).GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.Contains($"{id}.json", blobs);
        Assert.Contains($"{id}.pdf", blobs);
        Assert.False(File.Exists(Path.Combine(factory.DataDirectory, "results", $"{id}.json")));

        // Deleting the result deletes both.
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v1/datarequest/{id}")).StatusCode);
        blobs = await azurite.Server.Container(container).GetBlobsAsync().Select(b => b.Name).ToListAsync();
        Assert.DoesNotContain($"{id}.json", blobs);
        Assert.DoesNotContain($"{id}.pdf", blobs);
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/v1/datarequest/{id}")).StatusCode);
    }

    [Fact]
    public async Task Start_AzureBlobWithoutConnectionString_RefusesWithTheSettingsName()
    {
        await using var factory = new PortalFactory();
        factory.Settings["Results:Store"] = "AzureBlob";

        var refused = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Results:AzureBlob:ConnectionString", refused.ToString(), StringComparison.Ordinal);
    }
}
