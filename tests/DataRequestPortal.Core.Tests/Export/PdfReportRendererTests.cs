using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Tests.TestSupport;
using UglyToad.PdfPig;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

public class PdfReportRendererTests
{
    [Fact]
    public async Task RenderAsync_Records_EveryFieldValueIsInTheText()
    {
        var orders = Enumerable.Range(1, 40).Select(i => Record("order", new
        {
            id = i,
            product = $"Walking boots size {i}",
            total = 100 + i,
            address = new { street = $"Keizersgracht {i}", city = "Amsterdam" },
            tags = new[] { "gift", $"batch-{i}" },
        }));
        var pdf = await RenderAsync(Result(("shop", "order", orders)), sources: new FakeSource("shop", "order").Description);

        var text = Compact(PageTexts(pdf));
        for (var i = 1; i <= 40; i++)
        {
            Assert.Contains(Compact($"Walking boots size {i}"), text);
            Assert.Contains(Compact($"Keizersgracht {i}"), text);
            Assert.Contains($"batch-{i}", text);
            Assert.Contains($"Record{i}of40", text);
        }

        Assert.Contains("address.city", text);
        Assert.Contains("tags[1]", text);
    }
}
