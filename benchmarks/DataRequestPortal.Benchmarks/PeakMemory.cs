using System.Diagnostics;
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
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
            long peakHeap = 0;
            using var sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 2);
            var clock = Stopwatch.StartNew();
            var result = await SubjectCollection.CollectAsync(source, Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(records)), folder, writeResult: true);
            clock.Stop();
            InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false));
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;

            if (result.Records != records)
            {
                throw new InvalidOperationException($"{BenchmarkSubject.EmailFor(records)} has {result.Records} records in this database, not {records}.");
            }

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            var seconds = clock.Elapsed.TotalSeconds;
            await output.WriteLineAsync(Header);
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"| {records:N0} | {Megabytes(result.ResultBytes)} | {clock.Elapsed.TotalMilliseconds:0} ms | {(result.SourceBytes + result.ResultBytes) / seconds / 1e6:0.0} | {Megabytes(process.PeakWorkingSet64)} | {Megabytes(peakHeap)} | {Megabytes(allocated)} | {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2} |"));
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
        foreach (var records in sizes)
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(PeakMemory).Assembly.Location);
            }

            foreach (var argument in new[] { "peak", "--records", records.ToString(CultureInfo.InvariantCulture), "--database", database.Path })
            {
                start.ArgumentList.Add(argument);
            }

            using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start a measuring process.");
            var lines = (await child.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await child.WaitForExitAsync();
            if (child.ExitCode != 0)
            {
                throw new InvalidOperationException($"Measuring {records:N0} records failed (exit code {child.ExitCode}).");
            }

            await output.WriteLineAsync(lines[^1]);
        }
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
