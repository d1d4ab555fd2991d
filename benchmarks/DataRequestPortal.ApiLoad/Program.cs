using System.Globalization;
using DataRequestPortal.ApiLoad;

// GET /v2/datarequest/{id}/status with a token under wrk, next to an anchor measured in the same run: a minimal API
// reading one row by key with EF Core on SQLite (benchmarks/DataRequestPortal.ApiAnchor). The two are loaded in turn,
// round after round and in alternating order, so both see the same machine; each round's ratio compares the two under
// the same conditions, and the medians are printed. CPU time per call, read from /proc, shows the same comparison
// independently of how busy the machine is.
const string Usage =
    "Usage: dotnet run -c Release --project benchmarks/DataRequestPortal.ApiLoad [-- [--rounds N] [--duration SECONDS] [--connections N] [--threads N] [--warmup SECONDS]]\n" +
    "  defaults: 5 rounds of wrk -t2 -c64 -d10s against each, after a 10 s warm-up of each";

var options = new Dictionary<string, int>(StringComparer.Ordinal)
{
    ["--rounds"] = 5,
    ["--duration"] = 10,
    ["--connections"] = 64,
    ["--threads"] = 2,
    ["--warmup"] = 10,
};
for (var i = 0; i < args.Length; i++)
{
    if (!options.ContainsKey(args[i]) || i + 1 >= args.Length
        || !int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
    {
        await Console.Error.WriteLineAsync(Usage);
        return 2;
    }

    options[args[i]] = value;
    i++;
}

var (rounds, duration, connections, threads, warmup) =
    (options["--rounds"], options["--duration"], options["--connections"], options["--threads"], options["--warmup"]);
if (ServerProcess.BuiltValue("Configuration") != "Release")
{
    await Console.Error.WriteLineAsync($"Built as {ServerProcess.BuiltValue("Configuration")}: run with -c Release, so the portal and the anchor are measured optimised.");
}

await Wrk.EnsureInstalledAsync();
Console.WriteLine("Starting the portal (Release, development settings, fresh SQLite database) and filing a request ...");
await using var portal = await PortalUnderLoad.StartAsync();
Console.WriteLine("Starting the anchor (minimal API, EF Core SQLite, AddDbContextPool, AsNoTracking) ...");
var anchorData = Path.Combine(Path.GetTempPath(), "drp-api-load", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(anchorData);
try
{
    await using var anchor = await ServerProcess.StartAsync(
        "The anchor",
        ServerProcess.BuiltPath("AnchorDll"),
        ServerProcess.BuiltPath("AnchorContentRoot"),
        new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database"] = Path.Combine(anchorData, "anchor.db"),
        });
    var anchorUrl = new Uri(anchor.BaseAddress, "requests/500");

    var anchorCall = new LoadedCall(anchor, anchorUrl, null);
    var portalCall = new LoadedCall(portal.Server, portal.StatusUrl, portal.Token);

    Console.WriteLine($"Warming up each for {warmup} s ...");
    await anchorCall.MeasureAsync(threads, connections, warmup);
    await portalCall.MeasureAsync(threads, connections, warmup);

    Console.WriteLine($"Measuring: {rounds} round(s) of wrk -t{threads} -c{connections} -d{duration}s against each, in turn");
    var anchorRuns = new List<CallRun>();
    var portalRuns = new List<CallRun>();
    for (var round = 1; round <= rounds; round++)
    {
        // Alternating which goes first keeps a machine that gets busier or quieter from favouring either.
        if (round % 2 == 1)
        {
            anchorRuns.Add(await anchorCall.MeasureAsync(threads, connections, duration));
            portalRuns.Add(await portalCall.MeasureAsync(threads, connections, duration));
        }
        else
        {
            portalRuns.Add(await portalCall.MeasureAsync(threads, connections, duration));
            anchorRuns.Add(await anchorCall.MeasureAsync(threads, connections, duration));
        }

        var (a, p) = (anchorRuns[^1], portalRuns[^1]);
        Console.WriteLine($"  round {round}: anchor {a}; portal {p}; portal/anchor {Ratio(p.RequestsPerSecond / a.RequestsPerSecond)} req/s, {Ratio(p.P99Milliseconds / a.P99Milliseconds)} p99");
    }

    var throughputRatio = Median(anchorRuns.Zip(portalRuns, (a, p) => p.RequestsPerSecond / a.RequestsPerSecond));
    var p99Ratio = Median(anchorRuns.Zip(portalRuns, (a, p) => p.P99Milliseconds / a.P99Milliseconds));
    var cpuRatio = Median(anchorRuns.Zip(portalRuns, (a, p) => p.CpuMicrosecondsPerCall / a.CpuMicrosecondsPerCall));
    Console.WriteLine();
    Console.WriteLine($"GET /v2/datarequest/{{id}}/status with a token, wrk -t{threads} -c{connections} -d{duration}s, median of {rounds} rounds:");
    Console.WriteLine($"  {"",-42}{"requests/s",12}{"p99",12}{"CPU/call",12}");
    Console.WriteLine($"  {"anchor (one row by key, EF Core SQLite)",-42}{Rate(Median(anchorRuns.Select(r => r.RequestsPerSecond))),12}{Ms(Median(anchorRuns.Select(r => r.P99Milliseconds))),12}{Us(Median(anchorRuns.Select(r => r.CpuMicrosecondsPerCall))),12}");
    Console.WriteLine($"  {"portal status call",-42}{Rate(Median(portalRuns.Select(r => r.RequestsPerSecond))),12}{Ms(Median(portalRuns.Select(r => r.P99Milliseconds))),12}{Us(Median(portalRuns.Select(r => r.CpuMicrosecondsPerCall))),12}");
    Console.WriteLine($"  {"portal / anchor (median of the rounds')",-42}{Ratio(throughputRatio),12}{Ratio(p99Ratio),12}{Ratio(cpuRatio),12}");
    Console.WriteLine($"  {"target",-42}{"≥ 0.80×",12}{"≤ 1.50×",12}{"",12}");
}
finally
{
    Directory.Delete(anchorData, recursive: true);
}

return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

static string Rate(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

static string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture) + "×";

static string Us(double value) => double.IsNaN(value) ? "-" : value.ToString("0", CultureInfo.InvariantCulture) + " µs";
