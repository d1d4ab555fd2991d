using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using DataRequestPortal.Benchmarks;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;

const string Usage = """
    Usage: dotnet run -c Release --project benchmarks/DataRequestPortal.Benchmarks -- [collect|peak|report|report-peak] [options]

      collect (default)    time, memory and JSON throughput of collecting bench-10000@example.com (BenchmarkDotNet, short run)
      peak                 peak memory of collecting 1,000, 10,000 and 100,000 records, each in a fresh process
      report               time and memory of rendering the PDF report of 1,000 and 10,000 records (BenchmarkDotNet, short run)
      report-peak          pages per second and peak memory of rendering the PDF report of 1,000 and 10,000 records,
                           each in a fresh process
        --records N        measure only this size (1000, 10000 or 100000)

      --database PATH      an existing database with a large demo set (for example one made by seed-demo)
      --profiles N, --events N, --messages N
                           the size of the set generated into the temp folder when no --database is given
                           (default 100000 profiles, 1000000 events, 200000 mails; generated once, then reused)
    """;

var mode = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "collect";
var rest = args.Length > 0 && !args[0].StartsWith('-') ? args[1..] : args;
string? database = null;
int? records = null;
var sizeArguments = new List<string>();
for (var i = 0; i < rest.Length; i++)
{
    switch (rest[i])
    {
        case "--database" when i + 1 < rest.Length:
            database = rest[++i];
            break;
        case "--records" when i + 1 < rest.Length && int.TryParse(rest[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && BenchmarkSubject.Sizes.Contains(n):
            records = n;
            i++;
            break;
        default:
            sizeArguments.Add(rest[i]);
            break;
    }
}

var understood = DemoSetSize.TryParse(sizeArguments, out var size, out var problem);
if (mode is not ("collect" or "peak" or "report" or "report-peak") || !understood)
{
    Console.Error.WriteLine(understood ? $"Unknown mode '{mode}'." : problem);
    Console.Error.WriteLine();
    Console.Error.WriteLine(Usage);
    return 2;
}

var set = await BenchmarkDatabase.OpenOrCreateAsync(database, size, Console.Out);
if (mode == "report-peak")
{
    if (records is { } one)
    {
        await ReportRendering.MeasureAsync(set, one, Console.Out);
    }
    else
    {
        await ReportRendering.MeasureEachAsync(set, BenchmarkSubject.Sizes.Take(2), Console.Out);
    }

    return 0;
}

if (mode == "report")
{
    BenchmarkRunner.Run<PdfReportBenchmarks>(DefaultConfig.Instance
        .AddJob(Job.ShortRun.WithIterationCount(5).WithEnvironmentVariables(new EnvironmentVariable(BenchmarkDatabase.PathVariable, set.Path))));
    return 0;
}

if (mode == "peak")
{
    if (records is { } one)
    {
        await PeakMemory.MeasureAsync(set, one, Console.Out);
    }
    else
    {
        await PeakMemory.MeasureEachAsync(set, BenchmarkSubject.Sizes, Console.Out);
    }

    return 0;
}

// Bytes each benchmark writes, measured once here, so the summary can show throughput next to time.
var folder = Directory.CreateTempSubdirectory("drp-benchmark-").FullName;
var subject = Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(PlatformCollectionBenchmarks.Records));
var written = await SubjectCollection.CollectAsync(new PlatformStoreSource(set, new PlatformStoreOptions()), subject, folder, writeResult: true);
Directory.Delete(folder, recursive: true);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{subject.Identifier}: {written.Records:N0} records, source file {written.SourceBytes:N0} bytes, result document {written.ResultBytes:N0} bytes."));

var config = DefaultConfig.Instance
    .AddJob(Job.ShortRun.WithIterationCount(10).WithEnvironmentVariables(new EnvironmentVariable(BenchmarkDatabase.PathVariable, set.Path)))
    .AddColumn(new ThroughputColumn(new Dictionary<string, long>
    {
        [nameof(PlatformCollectionBenchmarks.Collect)] = written.SourceBytes,
        [nameof(PlatformCollectionBenchmarks.CollectAndWriteResult)] = written.SourceBytes + written.ResultBytes,
    }));
BenchmarkRunner.Run<PlatformCollectionBenchmarks>(config);
return 0;
