using BenchmarkDotNet.Attributes;

namespace DataRequestPortal.Benchmarks;

/// <summary>Rendering the PDF report of the 1,000- and 10,000-record benchmark subjects' result documents.</summary>
[MemoryDiagnoser]
public class PdfReportBenchmarks
{
    private ReportRendering rendering = null!;

    [Params(1_000, 10_000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(BenchmarkDatabase.PathVariable)
            ?? throw new InvalidOperationException($"{BenchmarkDatabase.PathVariable} names no database.");
        rendering = ReportRendering.PrepareAsync(new BenchmarkDatabase(path), Records).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => rendering.Dispose();

    [Benchmark(Description = "Render the PDF report")]
    public Task<int> Render() => rendering.RenderAsync(Stream.Null);
}
