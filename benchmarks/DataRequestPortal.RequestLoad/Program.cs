using System.Globalization;
using DataRequestPortal.RequestLoad;

const string Usage = """
    Usage: dotnet run -c Release --project benchmarks/DataRequestPortal.RequestLoad -- filing|report [options]

      filing               POST /v1/datarequest from parallel API clients while the collector works, next to the same
                           filings with the collector off (the anchor); then the time until all are Completed
        --requests N       requests to file (default 1000)
        --clients N        parallel clients, each with its own token and connection (default 8)
        --rounds N         rounds, each both phases in fresh portals, the order alternating; medians are reported
                           (default 3)
        --fresh            warm each portal up with one batch only, as a portal just started meets its first clients:
                           the runtime still compiles hot methods beside the work (by default, batches are filed
                           until it has settled, and the portal has finished their background work)
        --profile          also log EF Core's commands in the portal and print what the database spent its time on
                           (slows the portal down: the figures of such a run are not the benchmark's)
        --trace FOLDER     also sample the portal's processor time during the measured work with dotnet-trace
                           (dotnet tool install -g dotnet-trace) into FOLDER/anchor-N.nettrace and collecting-N.nettrace (N the round)
      report               the PDF report of a benchmark subject: renders, the wait of first downloads, and a download
                           of the kept report (the anchor)
        --records N        1000, 10000 (default) or 100000

      --portal PATH        the portal's DataRequestPortal.Web.dll (default: the one built beside this program)
    """;

var mode = args.Length > 0 ? args[0] : "";
var options = new LoadOptions { Portal = PortalUnderTest.BuiltPortal };
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--requests" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            options.Requests = n;
            i++;
            break;
        case "--clients" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            options.Clients = n;
            i++;
            break;
        case "--rounds" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0:
            options.Rounds = n;
            i++;
            break;
        case "--records" when i + 1 < args.Length && args[i + 1] is "1000" or "10000" or "100000":
            options.Records = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--portal" when i + 1 < args.Length:
            options.Portal = Path.GetFullPath(args[++i]);
            break;
        case "--trace" when i + 1 < args.Length:
            options.Trace = Path.GetFullPath(args[++i]);
            Directory.CreateDirectory(options.Trace);
            break;
        case "--profile":
            options.Profile = true;
            break;
        case "--fresh":
            options.Fresh = true;
            break;
        default:
            Console.Error.WriteLine($"Not understood: '{args[i]}'.");
            Console.Error.WriteLine(Usage);
            return 2;
    }
}

switch (mode)
{
    case "filing":
        await FilingScenario.RunAsync(options, Console.Out);
        return 0;
    case "report":
        await ReportScenario.RunAsync(options, Console.Out);
        return 0;
    default:
        Console.Error.WriteLine(Usage);
        return 2;
}
