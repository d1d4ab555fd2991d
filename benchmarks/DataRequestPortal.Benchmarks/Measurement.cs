using System.Diagnostics;
using System.Globalization;

namespace DataRequestPortal.Benchmarks;

/// <summary>
/// What one piece of work cost: its time, the largest managed heap seen while it ran (sampled every 2 ms), what it
/// allocated, how often the GC ran, and the process's peak working set so far.
/// </summary>
public sealed class Measurement : IDisposable
{
    private readonly Stopwatch clock;
    private readonly long allocatedBefore;
    private readonly int gen0, gen1, gen2;
    private readonly Timer sampler;
    private long peakHeap;

    private Measurement()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        sampler = new Timer(_ => InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false)), null, 0, 2);
        clock = Stopwatch.StartNew();
    }

    public TimeSpan Elapsed { get; private set; }

    public long PeakHeap => Interlocked.Read(ref peakHeap);

    public long Allocated { get; private set; }

    public long PeakWorkingSet { get; private set; }

    public string Collections { get; private set; } = "";

    public static Measurement Start() => new();

    public void Stop()
    {
        clock.Stop();
        Elapsed = clock.Elapsed;
        InterlockedMax(ref peakHeap, GC.GetTotalMemory(forceFullCollection: false));
        Allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Collections = string.Create(CultureInfo.InvariantCulture, $"{GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}");
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        PeakWorkingSet = process.PeakWorkingSet64;
    }

    public void Dispose() => sampler.Dispose();

    public static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB");

    /// <summary>
    /// Runs this benchmark program again for every size, each in a process of its own so one size's peak cannot hide
    /// another's, and prints the last line each one prints (its row of the table).
    /// </summary>
    public static async Task InEachProcessAsync(string mode, BenchmarkDatabase database, IEnumerable<int> sizes, TextWriter output)
    {
        foreach (var records in sizes)
        {
            var self = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark cannot find its own executable.");
            var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
            if (string.Equals(Path.GetFileNameWithoutExtension(self), "dotnet", StringComparison.OrdinalIgnoreCase))
            {
                start.ArgumentList.Add(typeof(Measurement).Assembly.Location);
            }

            foreach (var argument in new[] { mode, "--records", records.ToString(CultureInfo.InvariantCulture), "--database", database.Path })
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
