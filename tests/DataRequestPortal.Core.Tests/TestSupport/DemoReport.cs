using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A request collected from the development demo set as the portal collects it (its own result document, SHA-256
/// and completion), with the PDF reports of the portal over it.
/// </summary>
public sealed class DemoReport : IAsyncDisposable
{
    private readonly TestDatabase platform;

    private DemoReport(TestDatabase platform, CollectionHarness harness, DataRequest request)
    {
        this.platform = platform;
        Harness = harness;
        Request = request;
        Reports = new PdfReports(
            harness.Database,
            harness.Store,
            harness.Catalog,
            harness.Clock,
            Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = "Example Shop" }),
            harness.ResultsPath);
    }

    public CollectionHarness Harness { get; }

    public DataRequest Request { get; }

    public PdfReports Reports { get; }

    public static async Task<DemoReport> CollectAsync(string email, TimeProvider? time = null)
    {
        var platform = await TestDatabase.CreateAsync();
        await using (var db = platform.CreateDbContext())
        {
            await PlatformDemoSeed.SeedDevelopmentSetAsync(db, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        }

        var harness = await CollectionHarness.CreateAsync([new PlatformStoreSource(platform, new PlatformStoreOptions())], time: time);
        var request = await harness.FileAsync(email);
        Assert.True(await harness.Leases.TryClaimAsync(request.Id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        await harness.Collector().CollectAsync(request.Id, "test", CancellationToken.None);
        return new DemoReport(platform, harness, await harness.LoadAsync(request.Id));
    }

    public async Task<byte[]> PdfAsync()
    {
        using var pdf = new MemoryStream();
        Assert.True(await Reports.RenderAsync(Request.Id, pdf, CancellationToken.None));
        return pdf.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.DisposeAsync();
        await platform.DisposeAsync();
    }
}
