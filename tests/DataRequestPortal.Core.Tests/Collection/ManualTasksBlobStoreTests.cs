using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Manual;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Collection;

/// <summary>Manual uploads with results in Azure Blob Storage: the process that takes an upload need not be the one that collects it.</summary>
public class ManualTasksBlobStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Collect_UploadTakenElsewhere_ReadsItFromTheContainer_AndDeleteRemovesIt()
    {
        var container = AzuriteServer.NewContainerName();
        BlobResultStore NewStore(string local) => new(new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString, Container = container }, local);
        await using var harness = await CollectionHarness.CreateAsync([Archive()], store: NewStore);
        var request = await harness.FileAsync("jane@example.com");
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "collector", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.WaitingForTasks, await harness.Collector().CollectAsync(request.Id, "collector", CancellationToken.None));

        // The upload arrives at a process with a local folder of its own.
        var web = new ManualTasks(harness.Database, NewStore(Path.Combine(Path.GetTempPath(), "drp-tests", "web-" + Guid.NewGuid().ToString("N"))), harness.Notifier, harness.Clock);
        var letters = new UploadedFile("letters.json", "application/json", new MemoryStream(Encoding.UTF8.GetBytes("""[{"date": "2024-03-01", "subject": "Complaint"}]""")));
        var scan = new UploadedFile("letter.pdf", "application/pdf", new MemoryStream("%PDF-1.4 scan"u8.ToArray()));
        await web.UploadAsync(request.Id, 1, [letters, scan], null, Actor.Staff("Olga Officer"));

        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "collector", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Completed, await harness.Collector().CollectAsync(request.Id, "collector", CancellationToken.None));
        await using (var result = (await harness.Store.OpenReadAsync(request.Id))!)
        {
            using var document = await JsonDocument.ParseAsync(result);
            var records = document.RootElement.GetProperty("data").EnumerateArray().SelectMany(c => c.EnumerateArray()).ToList();
            Assert.Contains(records, r => r.TryGetProperty("subject", out var s) && s.GetString() == "Complaint");
            Assert.Contains(records, r => r.TryGetProperty("name", out var n) && n.GetString() == "letter.pdf");
        }

        Assert.Contains($"manual/{request.Id}/1/1.pdf", await azurite.Server.Container(container).GetBlobsAsync().Select(b => b.Name).ToListAsync());
        Assert.True(await harness.Store.DeleteAsync(request.Id));
        Assert.DoesNotContain(
            await azurite.Server.Container(container).GetBlobsAsync().Select(b => b.Name).ToListAsync(),
            name => name.StartsWith($"manual/{request.Id}/", StringComparison.Ordinal) || name.StartsWith($"{request.Id}.", StringComparison.Ordinal));
    }

    private static ManualSource Archive() => new(new ManualSourceOptions
    {
        Key = "archive",
        Title = "Paper archive",
        Instructions = "Search the cabinets by name.",
        Assignee = "records@example.com",
        Category = new SourceCategoryOptions { Name = "record", Description = "Letters" },
    });
}
