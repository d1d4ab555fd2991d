using System.Globalization;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>Measured durations, in milliseconds, and their percentiles (nearest rank).</summary>
public sealed class Samples
{
    private readonly List<double> values = [];

    public int Count => values.Count;

    public void Add(double milliseconds) => values.Add(milliseconds);

    public double Percentile(double percent)
    {
        if (values.Count == 0)
        {
            throw new InvalidOperationException("Nothing was measured.");
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Milliseconds(Percentile(50))}, p95 {Milliseconds(Percentile(95))}, max {Milliseconds(Percentile(100))}");

    public static string Milliseconds(double value) => value.ToString(value < 10 ? "0.00" : "0", CultureInfo.InvariantCulture) + " ms";
}
