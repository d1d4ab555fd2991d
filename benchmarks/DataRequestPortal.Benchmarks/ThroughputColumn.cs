using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DataRequestPortal.Benchmarks;

/// <summary>JSON written per second: the bytes each benchmark writes (measured once beforehand) over its mean time.</summary>
public sealed class ThroughputColumn(IReadOnlyDictionary<string, long> bytesByMethod) : IColumn
{
    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "JSON MB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Megabytes (10^6) of JSON written per second: source file, plus the result document where one is written";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report?.ResultStatistics is not { } statistics || !bytesByMethod.TryGetValue(benchmarkCase.Descriptor.WorkloadMethod.Name, out var bytes))
        {
            return "-";
        }

        return (bytes / (statistics.Mean / 1e9) / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
