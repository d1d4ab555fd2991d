using System.Security.Cryptography;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
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
        var json = await File.ReadAllBytesAsync(Path.Combine(demo.Harness.Store.Root, $"{demo.Request.Id}.json"));
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
}
