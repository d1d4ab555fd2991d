using System.Text.Json;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

public class PdfReportsTests
{
    [Fact]
    public async Task RenderAsync_DemoSubject_CoverCarriesTheResultsSha256AndEveryCategoryHasASection()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.JaneDoe);

        var pdf = await demo.PdfAsync();

        var pages = PageTexts(pdf);
        Assert.Contains(demo.Request.Result!.Sha256, pages[0]);
    }
}
