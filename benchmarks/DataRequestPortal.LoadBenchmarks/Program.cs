using System.Globalization;
using DataRequestPortal.LoadBenchmarks;

const string Usage = """
    Usage: dotnet run -c Release --project benchmarks/DataRequestPortal.LoadBenchmarks -- live-update|circuits [options]

      live-update          a completed request deleted through the API until its open page shows it (P5),
                           next to a SignalR round trip on loopback, and the reloads a burst of progress costs
        --samples N        deletions measured (default 50)
      circuits             server memory per open requests list, after full GCs (P6), next to a trivial Blazor page
        --circuits N       pages kept open at once (default 100)
        --hold             keeps the pages open after measuring, until Enter, printing the server's process id
                           (for dotnet-gcdump or dotnet-dump)

    The portal and the anchor app are started from their Release builds, each on a free loopback port with a
    database of its own; pages are opened in Chromium (/usr/bin/chromium, or CHROMIUM_PATH).
    """;

var mode = args.Length > 0 ? args[0] : "";
var countOption = mode == "live-update" ? "--samples" : "--circuits";
int? count = null;
var hold = false;
var understood = mode is "live-update" or "circuits";
for (var i = 1; i < args.Length && understood; i++)
{
    if (args[i] == countOption && i + 1 < args.Length
        && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
    {
        count = n;
        i++;
    }
    else if (args[i] == "--hold" && mode == "circuits")
    {
        hold = true;
    }
    else
    {
        understood = false;
    }
}

if (!understood)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

return mode == "live-update"
    ? await LiveUpdateLatency.RunAsync(count ?? 50, Console.Out)
    : await CircuitMemory.RunAsync(count ?? 100, hold, Console.Out);
