using System.Globalization;
using DataRequestPortal.Core;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;

namespace DataRequestPortal.Benchmarks;

/// <summary>
/// The PDF report of a benchmark subject's result document: the document is collected first (not measured), then
/// rendered as the portal renders it for a download.
/// </summary>
public sealed class ReportRendering : IDisposable
{
    public const string Header =
        "| records | result JSON | pages | PDF | time | pages/s | peak working set | peak managed heap | allocated | GCs gen0/1/2 |\n" +
        "|--------:|------------:|------:|----:|-----:|--------:|-----------------:|------------------:|----------:|-------------:|";

    private readonly string folder;
    private readonly PdfReportRenderer renderer;

    private ReportRendering(string folder, string result, Subject subject, long resultBytes, PlatformStoreSource source)
    {
        this.folder = folder;
        Result = result;
        ResultBytes = resultBytes;
        Request = new ReportRequest(4_503_599_627_370_495, subject, DateTimeOffset.UtcNow, DateOnly.FromDateTime(DateTime.UtcNow.AddMonths(1)), DateTimeOffset.UtcNow, new string('0', 64));
        renderer = new PdfReportRenderer(new OrganisationOptions { Name = "Example Outdoor" }, [source.Description], TimeZoneInfo.Utc, PdfReportRenderer.DefaultLogo());
    }

    public string Result { get; }

    public long ResultBytes { get; }

    public ReportRequest Request { get; }

    /// <summary>Collects the subject with <paramref name="records"/> records into a result document in a temporary folder.</summary>
    public static async Task<ReportRendering> PrepareAsync(BenchmarkDatabase database, int records)
    {
        var folder = Directory.CreateTempSubdirectory("drp-report-").FullName;
        var subject = Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(records));
        var source = new PlatformStoreSource(database, new PlatformStoreOptions());
        var collected = await SubjectCollection.CollectAsync(source, subject, folder, writeResult: true);
        if (collected.Records != records)
        {
            throw new InvalidOperationException($"{subject.Identifier} has {collected.Records} records in this database, not {records}.");
        }

        return new ReportRendering(folder, Path.Combine(folder, "result.json"), subject, collected.ResultBytes, source);
    }

    /// <summary>Renders the report to <paramref name="pdf"/>; returns the page count.</summary>
    public async Task<int> RenderAsync(Stream pdf)
    {
        await using var json = new FileStream(Result, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
        return await renderer.RenderAsync(Request, json, DateTimeOffset.UtcNow, pdf, CancellationToken.None);
    }

    /// <summary>Measures one size here (after a warm-up render of the smallest subject) and prints the header and its row.</summary>
    public static async Task MeasureAsync(BenchmarkDatabase database, int records, TextWriter output)
    {
        using (var warmUp = await PrepareAsync(database, BenchmarkSubject.Sizes[0]))
        {
            await warmUp.RenderAsync(Stream.Null);
        }

        using var rendering = await PrepareAsync(database, records);
        var file = Path.Combine(rendering.folder, "report.pdf");
        int pages;
        using var measurement = Measurement.Start();
        await using (var pdf = new FileStream(file, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            pages = await rendering.RenderAsync(pdf);
        }

        measurement.Stop();
        await output.WriteLineAsync(Header);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"| {records:N0} | {Measurement.Megabytes(rendering.ResultBytes)} | {pages:N0} | {Measurement.Megabytes(new FileInfo(file).Length)} | {measurement.Elapsed.TotalMilliseconds:0} ms | {pages / measurement.Elapsed.TotalSeconds:0} | {Measurement.Megabytes(measurement.PeakWorkingSet)} | {Measurement.Megabytes(measurement.PeakHeap)} | {Measurement.Megabytes(measurement.Allocated)} | {measurement.Collections} |"));
    }

    /// <summary>Measures every size, each in a process of its own.</summary>
    public static async Task MeasureEachAsync(BenchmarkDatabase database, IEnumerable<int> sizes, TextWriter output)
    {
        await output.WriteLineAsync(Header);
        await Measurement.InEachProcessAsync("report-peak", database, sizes, output);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
