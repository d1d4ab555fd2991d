using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A request collected from the development demo set as the portal collects it (its own result document, SHA-256
/// and completion), with the PDF reports of the portal over it and, when started, their background preparation.
/// </summary>
public sealed class DemoReport : IAsyncDisposable
{
    private static readonly OrganisationOptions Organisation = new() { Name = "Example Shop" };

    private readonly TestDatabase platform;
    private readonly List<PdfReports> processes = [];
    private readonly LoggerFactory loggers;
    private ReportPreparation? preparation;

    private DemoReport(TestDatabase platform, CollectionHarness harness, DataRequest request)
    {
        this.platform = platform;
        Harness = harness;
        Request = request;
        var renderer = new PdfReportRenderer(Organisation, [.. harness.Catalog.All.Select(s => s.Description)], harness.Clock.Zone, PdfReportRenderer.DefaultLogo());
        Renders = new ReportRenders(renderer, harness.Clock);
        loggers = new LoggerFactory([Logs]);
        Reports = NewProcess();
    }

    public CollectionHarness Harness { get; }

    public DataRequest Request { get; private set; }

    public PdfReports Reports { get; }

    /// <summary>Every render <see cref="Reports"/> (and those of <see cref="NewProcess"/>) makes.</summary>
    public ReportRenders Renders { get; }

    /// <summary>What the background preparation logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public string ReportPath => Path.Combine(Harness.ResultsPath, $"{Request.Id}.pdf");

    public static async Task<DemoReport> CollectAsync(string email, TimeProvider? time = null)
    {
        var demo = await FileAsync(email, time);
        await demo.CollectAsync();
        return demo;
    }

    /// <summary>A request for <paramref name="email"/> filed over the demo set and not collected yet.</summary>
    public static async Task<DemoReport> FileAsync(string email, TimeProvider? time = null)
    {
        var platform = await TestDatabase.CreateAsync();
        await using (var db = platform.CreateDbContext())
        {
            await PlatformDemoSeed.SeedDevelopmentSetAsync(db, TimeProvider.System, NullLogger.Instance, CancellationToken.None);
        }

        var harness = await CollectionHarness.CreateAsync([new PlatformStoreSource(platform, new PlatformStoreOptions())], time: time);
        return new DemoReport(platform, harness, await harness.FileAsync(email));
    }

    /// <summary>Collects the request as the portal's collector does; it completes and is published to the harness's watchers.</summary>
    public async Task CollectAsync()
    {
        Assert.True(await Harness.Leases.TryClaimAsync(Request.Id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Completed, await Harness.Collector().CollectAsync(Request.Id, "test", CancellationToken.None));
        Request = await Harness.LoadAsync(Request.Id);
    }

    /// <summary>The reports of another portal process over the same database and results, as after a restart.</summary>
    public PdfReports NewProcess()
    {
        var reports = new PdfReports(
            Harness.Database,
            Harness.Store,
            Harness.Catalog,
            Harness.Clock,
            Microsoft.Extensions.Options.Options.Create(Organisation),
            Harness.ResultsPath)
        {
            Render = Renders.RenderAsync,
        };
        processes.Add(reports);
        return reports;
    }

    /// <summary>Starts making reports in the background as requests complete, as the portal does, beside <paramref name="collector"/> when given.</summary>
    public async Task StartPreparationAsync(CollectionActivity? collector = null)
    {
        preparation = new ReportPreparation(Reports, Harness.Notifier, loggers.CreateLogger<ReportPreparation>(), collector, Harness.Time);
        await preparation.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops the background preparation and every render of <see cref="Reports"/>, as the process ending does.</summary>
    public async Task StopAsync()
    {
        if (preparation is { } running)
        {
            using var timeout = new CancellationTokenSource(Eventually.Timeout);
            await running.StopAsync(timeout.Token);
            running.Dispose();
            preparation = null;
        }

        Reports.Dispose();
    }

    /// <summary>The report as a download gets it, through <paramref name="reports"/> (this process's unless given).</summary>
    public async Task<byte[]> PdfAsync(PdfReports? reports = null)
    {
        using var pdf = new MemoryStream();
        Assert.True(await (reports ?? Reports).RenderAsync(Request.Id, pdf, CancellationToken.None));
        return pdf.ToArray();
    }

    /// <summary>Report files being written or left behind beside the results, besides the report itself.</summary>
    public IReadOnlyList<string> PartialReports() =>
        [.. Directory.EnumerateFiles(Harness.ResultsPath, $"{Request.Id}.pdf.*").Where(file => file != ReportPath)];

    public async ValueTask DisposeAsync()
    {
        Renders.Release();
        await StopAsync();
        foreach (var reports in processes)
        {
            reports.Dispose();
        }

        loggers.Dispose();
        await Harness.DisposeAsync();
        await platform.DisposeAsync();
    }
}
