using System.Globalization;

namespace DataRequestPortal.RequestLoad;

/// <summary>Response times of one kind of call, summarised as percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> milliseconds = [];

    public int Count
    {
        get
        {
            lock (milliseconds)
            {
                return milliseconds.Count;
            }
        }
    }

    public void Add(TimeSpan elapsed)
    {
        lock (milliseconds)
        {
            milliseconds.Add(elapsed.TotalMilliseconds);
        }
    }

    /// <summary>The response time that <paramref name="percent"/> per cent of the calls did not exceed (nearest rank).</summary>
    public double Percentile(double percent)
    {
        lock (milliseconds)
        {
            if (milliseconds.Count == 0)
            {
                return double.NaN;
            }

            var sorted = milliseconds.Order().ToArray();
            var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):0.0} ms, p90 {Percentile(90):0.0} ms, p95 {Percentile(95):0.0} ms, p99 {Percentile(99):0.0} ms, max {Percentile(100):0.0} ms");
}
