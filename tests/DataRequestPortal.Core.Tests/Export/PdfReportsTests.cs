using System.Security.Cryptography;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using UglyToad.PdfPig;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

public class PdfReportsTests
{
    // Shown as a person reads them rather than verbatim: HTML as text, MIME summarised, binary content by checksum.
    private static readonly string[] Summarised = ["html", "mime", "content"];

    [Fact]
    public async Task RenderAsync_DemoSubject_EveryRecordsFieldValuesAreInTheText()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.JaneDoe);

        var text = CompactValues(await demo.PdfAsync());

        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(demo.Harness.ResultsPath, $"{demo.Request.Id}.json")));
        var checkedValues = 0;
        foreach (var category in json.RootElement.GetProperty("data").EnumerateArray())
        {
            foreach (var record in category.EnumerateArray())
            {
                foreach (var value in Leaves(record))
                {
                    Assert.Contains(Compact(value), text);
                    checkedValues++;
                }
            }
        }

        Assert.True(checkedValues > 1000, $"{checkedValues} values");
    }

    [Fact]
    public async Task RenderAsync_DemoSubject_CoverCarriesTheSha256OfTheJsonDownload_AndTheOutlineEveryCategory()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.JaneDoe);

        var pdf = await demo.PdfAsync();

        var json = await File.ReadAllBytesAsync(Path.Combine(demo.Harness.ResultsPath, $"{demo.Request.Id}.json"));
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(json)), PageTexts(pdf)[0]);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        Assert.Equal(
            ["1. Profile", "2. Subprofile", "3. Message", "4. Mime", "5. Attachment", "6. Open", "7. Click", "8. Survey"],
            bookmarks.Roots.Single(b => b.Title == "Personal data").Children.Select(c => c.Title));
    }

    [Fact]
    public async Task OpenAsync_SecondDownload_GetsTheSameReport_KeptBesideTheResult()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.ZoeMuller);

        var first = await demo.PdfAsync();
        var second = await demo.PdfAsync();

        Assert.Equal(first, second);
        Assert.True(File.Exists(Path.Combine(demo.Harness.ResultsPath, $"{demo.Request.Id}.pdf")));
    }

    [Fact]
    public async Task OpenAsync_TwoFirstDownloadsTogether_ShareOneRender()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.ZoeMuller);
        demo.Renders.Hold();

        var downloads = new[] { demo.PdfAsync(), demo.PdfAsync() };
        await demo.Renders.Started.WaitAsync(Eventually.Timeout);
        demo.Renders.Release();
        var pdfs = await Task.WhenAll(downloads);

        Assert.Equal(1, demo.Renders.Count);
        Assert.Equal(pdfs[0], pdfs[1]);
        Assert.Empty(demo.PartialReports());
    }

    [Fact]
    public async Task OpenAsync_RequestWithoutResult_GivesNothing()
    {
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.ZoeMuller);
        var pending = await demo.Harness.FileAsync("pending@example.com");

        Assert.Null(await demo.Reports.OpenAsync(pending.Id, CancellationToken.None));
        Assert.Null(await demo.Reports.OpenAsync(1234567890123456, CancellationToken.None));
    }

    [Fact]
    public async Task Sweep_AfterRetention_DeletesTheReportWithTheResult()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var demo = await DemoReport.CollectAsync(DemoSubjects.ZoeMuller, time);
        await demo.PdfAsync();
        var report = Path.Combine(demo.Harness.ResultsPath, $"{demo.Request.Id}.pdf");
        Assert.True(File.Exists(report));

        time.Advance(TimeSpan.FromDays(31));
        var sweeper = new ResultSweeper(
            demo.Harness.Database, demo.Harness.Store, demo.Harness.Notifier, demo.Harness.Clock, demo.Harness.Time,
            Microsoft.Extensions.Options.Options.Create(demo.Harness.ResultOptions), Microsoft.Extensions.Options.Options.Create(demo.Harness.RequestOptions), NullLogger<ResultSweeper>.Instance);
        Assert.Equal(1, await sweeper.SweepAsync(CancellationToken.None));

        Assert.False(File.Exists(report));
        Assert.Equal(RequestState.Expired, (await demo.Harness.LoadAsync(demo.Request.Id)).State);
        Assert.Null(await demo.Reports.OpenAsync(demo.Request.Id, CancellationToken.None));
    }

    /// <summary>Every value a record holds that the report prints verbatim.</summary>
    private static IEnumerable<string> Leaves(JsonElement element, string name = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject().Where(p => !Summarised.Contains(p.Name)))
                {
                    foreach (var leaf in Leaves(property.Value, property.Name))
                    {
                        yield return leaf;
                    }
                }

                break;
            case JsonValueKind.Array:
                foreach (var leaf in element.EnumerateArray().SelectMany(item => Leaves(item, name)))
                {
                    yield return leaf;
                }

                break;
            case JsonValueKind.String:
                yield return element.GetString()!;
                break;
            case JsonValueKind.Number:
                yield return element.GetRawText();
                break;
        }
    }
}
