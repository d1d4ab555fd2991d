using System.Security.Cryptography;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

public class ReportPreparationTests
{
    [Fact]
    public async Task Completion_WithoutAnyDownload_MakesTheReportOnce_AndTheFirstDownloadGetsIt()
    {
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        await demo.StartPreparationAsync();

        await demo.CollectAsync();
        await Eventually.UntilAsync(() => File.Exists(demo.ReportPath), "the report was made after completion");
        var pdf = await demo.PdfAsync();

        Assert.Equal(1, demo.Renders.Count);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), pdf);
        var json = await File.ReadAllBytesAsync(Path.Combine(demo.Harness.ResultsPath, $"{demo.Request.Id}.json"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(json)), PageTexts(pdf)[0]);
    }

    [Fact]
    public async Task Download_WhileTheBackgroundRenderRuns_WaitsForThatRender_InsteadOfMakingAnother()
    {
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        demo.Renders.Hold();
        await demo.StartPreparationAsync();
        await demo.CollectAsync();
        await demo.Renders.Started.WaitAsync(Eventually.Timeout);

        var downloads = new[] { demo.PdfAsync(), demo.PdfAsync() };
        demo.Renders.Release();
        var pdfs = await Task.WhenAll(downloads);

        Assert.Equal(1, demo.Renders.Count);
        Assert.Equal(pdfs[0], pdfs[1]);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), pdfs[0]);
    }

    [Fact]
    public async Task BackgroundRender_Failing_IsLogged_LeavesNoPartialReport_AndTheFirstDownloadMakesIt()
    {
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        demo.Renders.FailNext();
        await demo.StartPreparationAsync();

        await demo.CollectAsync();
        await Eventually.UntilAsync(
            () => demo.Logs.Lines.Any(l => l.Contains($"report of request {demo.Request.Id} could not be made", StringComparison.Ordinal)),
            "the failed render was logged");
        Assert.False(File.Exists(demo.ReportPath));
        Assert.Empty(demo.PartialReports());

        var pdf = await demo.PdfAsync();

        Assert.Equal(2, demo.Renders.Count);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), pdf);
    }

    [Fact]
    public async Task Restart_BeforeTheBackgroundRenderFinished_TheFirstDownloadAfterwardsMakesTheReport()
    {
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        demo.Renders.Hold();
        await demo.StartPreparationAsync();
        await demo.CollectAsync();
        await demo.Renders.Started.WaitAsync(Eventually.Timeout);

        await demo.StopAsync();
        await Eventually.UntilAsync(() => demo.PartialReports().Count == 0, "the render cut off left no partial report");
        Assert.False(File.Exists(demo.ReportPath));
        demo.Renders.Release();
        var pdf = await demo.PdfAsync(demo.NewProcess());

        Assert.Equal(2, demo.Renders.Count);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), pdf);
    }

    [Fact]
    public async Task Completion_WhileTheCollectorHasWorkInHand_MakesTheReportOnceItRunsDry()
    {
        var collector = new CollectionActivity();
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        collector.Started();
        await demo.StartPreparationAsync(collector);

        await demo.CollectAsync();
        Assert.False(File.Exists(demo.ReportPath));
        collector.Drained();
        await Eventually.UntilAsync(() => File.Exists(demo.ReportPath), "the report was made once the collector ran dry");

        Assert.Equal(1, demo.Renders.Count);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), await demo.PdfAsync());
    }

    [Fact]
    public async Task Completion_WhileTheCollectorNeverRunsDry_StillMakesTheReportWithinTheLongestWait()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var collector = new CollectionActivity();
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller, time);
        collector.Started();
        await demo.StartPreparationAsync(collector);

        await demo.CollectAsync();
        Assert.False(File.Exists(demo.ReportPath));
        await Eventually.UntilAsync(
            () =>
            {
                time.Advance(ReportPreparation.MaxWait / 4);
                return File.Exists(demo.ReportPath);
            },
            "the report was made although the collector stayed busy");

        Assert.True(collector.IsBusy);
        Assert.Equal(1, demo.Renders.Count);
    }

    [Fact]
    public async Task Download_WhileTheReportWaitsForTheCollector_GetsItAtOnce_AndItIsMadeOnlyOnce()
    {
        var collector = new CollectionActivity();
        await using var demo = await DemoReport.FileAsync(DemoSubjects.ZoeMuller);
        collector.Started();
        await demo.StartPreparationAsync(collector);
        await demo.CollectAsync();

        var pdf = await demo.PdfAsync();
        collector.Drained();

        // A second completion is prepared after the first in line: once its report is there, the first one's turn has passed.
        var next = await demo.Harness.FileAsync(DemoSubjects.JaneDoe);
        Assert.True(await demo.Harness.Leases.TryClaimAsync(next.Id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Completed, await demo.Harness.Collector().CollectAsync(next.Id, "test", CancellationToken.None));
        await Eventually.UntilAsync(() => File.Exists(Path.Combine(demo.Harness.ResultsPath, $"{next.Id}.pdf")), "the next request's report was made");

        Assert.Equal(2, demo.Renders.Count);
        Assert.Equal(await File.ReadAllBytesAsync(demo.ReportPath), pdf);
    }
}
