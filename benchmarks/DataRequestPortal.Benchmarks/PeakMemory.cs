using System.Globalization;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;

namespace DataRequestPortal.Benchmarks;

/// <summary>
/// One collection of a benchmark subject in a fresh process, with the memory it needed: the process's peak working
/// set, the largest managed heap seen while it ran, what it allocated and how often the GC ran. Memory that stays
/// flat while the records grow tenfold shows that records stream through instead of piling up.
/// </summary>
public static class PeakMemory
{
    public const string Header =
        "| records | result JSON | time | MB/s | peak working set | peak managed heap | allocated | GCs gen0/1/2 |\n" +
        "|--------:|------------:|-----:|-----:|-----------------:|------------------:|----------:|-------------:|";

    /// <summary>Measures one size here and prints the header and its row.</summary>
    public static async Task MeasureAsync(BenchmarkDatabase database, int records, TextWriter output)
    {
        var source = new PlatformStoreSource(database, new PlatformStoreOptions());
        var folder = Directory.CreateTempSubdirectory("drp-peak-").FullName;
        try
        {
            // The smallest subject first, so loading the model and compiling the queries do not count as growth.
            await SubjectCollection.CollectAsync(source, Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(BenchmarkSubject.Sizes[0])), folder, writeResult: true);

            CollectedResult result;
            using (var measurement = Measurement.Start())
            {
                result = await SubjectCollection.CollectAsync(source, Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(records)), folder, writeResult: true);
                measurement.Stop();
                if (result.Records != records)
                {
                    throw new InvalidOperationException($"{BenchmarkSubject.EmailFor(records)} has {result.Records} records in this database, not {records}.");
                }

                var seconds = measurement.Elapsed.TotalSeconds;
                await output.WriteLineAsync(Header);
                await output.WriteLineAsync(string.Create(
                    CultureInfo.InvariantCulture,
                    $"| {records:N0} | {Measurement.Megabytes(result.ResultBytes)} | {measurement.Elapsed.TotalMilliseconds:0} ms | {(result.SourceBytes + result.ResultBytes) / seconds / 1e6:0.0} | {Measurement.Megabytes(measurement.PeakWorkingSet)} | {Measurement.Megabytes(measurement.PeakHeap)} | {Measurement.Megabytes(measurement.Allocated)} | {measurement.Collections} |"));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Measures every size, each in a process of its own so one size's peak cannot hide another's.</summary>
    public static async Task MeasureEachAsync(BenchmarkDatabase database, IEnumerable<int> sizes, TextWriter output)
    {
        await output.WriteLineAsync(Header);
        await Measurement.InEachProcessAsync("peak", database, sizes, output);
    }
}
