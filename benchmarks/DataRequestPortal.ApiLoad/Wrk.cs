using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace DataRequestPortal.ApiLoad;

/// <summary>What one wrk run measured.</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, long Requests, long SocketErrors);

/// <summary>
/// Runs <c>wrk</c> (the Debian package <c>wrk</c>) with its latency distribution and reads the figures it prints. A run in
/// which any answer was not 2xx is refused: it would measure something other than the call. Socket errors (a call that
/// took longer than wrk's 2 s, on a machine busy with other work) are counted and shown.
/// </summary>
public static partial class Wrk
{
    public static async Task EnsureInstalledAsync()
    {
        try
        {
            await RunAsync(["--version"]);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed; on Debian: sudo apt-get install wrk");
        }
    }

    public static async Task<WrkResult> MeasureAsync(Uri url, string? bearerToken, int threads, int connections, int seconds)
    {
        List<string> arguments = ["-t", Invariant(threads), "-c", Invariant(connections), "-d", Invariant(seconds) + "s", "--latency"];
        if (bearerToken is not null)
        {
            arguments.AddRange(["-H", "Authorization: Bearer " + bearerToken]);
        }

        arguments.Add(url.ToString());
        var output = await RunAsync(arguments);
        if (NotSuccess().Match(output) is { Success: true } refused)
        {
            throw new InvalidOperationException($"{refused.Groups[1].Value} answers from {url.GetLeftPart(UriPartial.Path)} were not 2xx:\n{output}");
        }

        var socketErrors = SocketErrors().Match(output) is { Success: true } errors
            ? errors.Groups.Cast<Group>().Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(
            double.Parse(Match(RequestsPerSecond(), output, url).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Match(Percentile50(), output, url)),
            Milliseconds(Match(Percentile99(), output, url)),
            long.Parse(Match(Requests(), output, url).Groups[1].Value, CultureInfo.InvariantCulture),
            socketErrors);
    }

    private static async Task<string> RunAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await output + await errors;
    }

    private static Match Match(Regex pattern, string output, Uri url) =>
        pattern.Match(output) is { Success: true } match ? match : throw new InvalidOperationException($"Could not read wrk's output for {url}:\n{output}");

    private static double Milliseconds(Match match)
    {
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            var unit => throw new InvalidOperationException($"wrk printed a latency in '{unit}'."),
        };
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"^\s+50(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile50();

    [GeneratedRegex(@"^\s+99(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentile99();

    [GeneratedRegex(@"^\s+(\d+) requests in", RegexOptions.Multiline)]
    private static partial Regex Requests();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NotSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}
