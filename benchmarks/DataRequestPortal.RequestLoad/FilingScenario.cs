using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.RequestLoad;

/// <summary>
/// API clients filing requests in parallel (<c>POST /v1/datarequest</c>, subjects the portal holds no data about)
/// while the collector works through them, and the same filings into a portal whose collector is off: the anchor,
/// measured in the same run. Then how long until every filed request is Completed.
/// </summary>
public static class FilingScenario
{
    /// <summary>
    /// Filings per warm-up batch, whatever number is measured: the settling rule below is a count per batch, so it means
    /// the same with <c>--requests 100</c> as with the default.
    /// </summary>
    private const int WarmUpBatch = 1000;

    /// <summary>A warm-up batch during which the runtime compiled no more methods than this leaves the portal settled.</summary>
    private const int SettledCompilations = 20;

    private const int MaxWarmUpBatches = 12;

    public static async Task RunAsync(LoadOptions options, TextWriter output)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{options.Requests:N0} × POST /v1/datarequest from {options.Clients} parallel clients (each its own token and connection), subjects without data; {options.Rounds} round(s); portal {options.Portal}"));
        var anchors = new List<PhaseResult>();
        var loaded = new List<PhaseResult>();
        for (var round = 1; round <= options.Rounds; round++)
        {
            // The order alternates, so a machine growing busier or quieter during the run weighs on both phases alike.
            output.WriteLine();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Round {round}:"));
            var anchorFirst = round % 2 == 1;
            var first = await RunPhaseAsync(options, collecting: !anchorFirst, round, output);
            var second = await RunPhaseAsync(options, collecting: anchorFirst, round, output);
            anchors.Add(anchorFirst ? first : second);
            loaded.Add(anchorFirst ? second : first);
        }

        output.WriteLine();
        output.WriteLine(options.Rounds == 1 ? "| measurement | collector off (anchor) | collector working | ratio |" : $"| measurement (median of {options.Rounds} rounds) | collector off (anchor) | collector working | ratio |");
        output.WriteLine("|---|---:|---:|---:|");
        foreach (var percent in new[] { 50.0, 90, 95, 99, 100 })
        {
            var name = percent == 100 ? "POST max" : string.Create(CultureInfo.InvariantCulture, $"POST p{percent:0}");
            var a = Median(anchors, r => r.Posts.Percentile(percent));
            var b = Median(loaded, r => r.Posts.Percentile(percent));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {name} | {a:0.0} ms | {b:0.0} ms | {b / a:0.00}× |"));
        }

        var anchorRate = Median(anchors, r => r.FilingsPerSecond);
        var loadedRate = Median(loaded, r => r.FilingsPerSecond);
        var completedRate = Median(loaded, r => options.Requests / r.UntilCompleted!.Value.TotalSeconds);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| filings per second | {anchorRate:0} | {loadedRate:0} | {loadedRate / anchorRate:0.00}× |"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first POST until all {options.Requests:N0} Completed | — | {options.Requests / completedRate:0.0} s, {completedRate:0} requests/s | |"));
        output.WriteLine();
        var p99 = Median(loaded, r => r.Posts.Percentile(99));
        var anchorP99 = Median(anchors, r => r.Posts.Percentile(99));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P7a POST p99 while collecting: {p99:0.0} ms (target ≤ 50 ms; anchor {anchorP99:0.0} ms, ratio {p99 / anchorP99:0.00}×); rounds: {Each(loaded, r => r.Posts.Percentile(99))} ms, anchor {Each(anchors, r => r.Posts.Percentile(99))} ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"P7b filed and completed: {completedRate:0} requests/s (target ≥ 100); rounds: {Each(loaded, r => options.Requests / r.UntilCompleted!.Value.TotalSeconds)} requests/s"));
    }

    private static double Median(List<PhaseResult> results, Func<PhaseResult, double> figure)
    {
        var sorted = results.Select(figure).Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Each(List<PhaseResult> results, Func<PhaseResult, double> figure) =>
        string.Join(", ", results.Select(r => figure(r).ToString("0", CultureInfo.InvariantCulture)));

    private static async Task<PhaseResult> RunPhaseAsync(LoadOptions options, bool collecting, int round, TextWriter output)
    {
        var settings = new Dictionary<string, string> { ["Collection:Enabled"] = collecting ? "true" : "false" };
        if (options.Profile)
        {
            foreach (var (key, value) in CommandProfile.Settings)
            {
                settings[key] = value;
            }
        }

        output.WriteLine(collecting ? "  Collector working:" : "  Collector off (anchor):");
        await using var portal = await PortalUnderTest.StartAsync(options.Portal, options.Clients, settings);
        var clients = Enumerable.Range(0, options.Clients).Select(portal.ClientFor).ToList();
        try
        {
            var warmUp = await WarmUpAsync(portal, clients, WarmUpBatch, collecting, options.Fresh);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    warmed up with {warmUp.Filings:N0} filings{(collecting ? " (collected)" : "")}; methods compiled per batch of {WarmUpBatch:N0}: {string.Join(", ", warmUp.CompiledPerBatch)}{(warmUp.Settled || options.Fresh ? "" : $" (NOT SETTLED after {MaxWarmUpBatches} batches)")}; made at run time in the last: {warmUp.DynamicInLastBatch}"));
            var skipLog = portal.Log.Count;
            var posts = new Latencies();
            await using var tracing = options.Trace is { } traceFolder
                ? await portal.TraceAsync(Path.Combine(traceFolder, string.Create(CultureInfo.InvariantCulture, $"{(collecting ? "collecting" : "anchor")}-{round}.nettrace")))
                : null;
            var cpu = portal.ProcessorTime;
            var kernel = portal.KernelProcessorTime;
            var clientsCpu = Process.GetCurrentProcess().TotalProcessorTime;
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            var ids = await FileAsync(clients, collecting ? "collected" : "anchor", options.Requests, posts);
            var filing = clock.Elapsed;
            TimeSpan? untilCompleted = null;
            if (collecting)
            {
                var last = await WaitUntilCompletedAsync(portal, ids, TimeSpan.FromMinutes(10));
                untilCompleted = last - started;
            }

            var cpuPerRequest = (portal.ProcessorTime - cpu).TotalMilliseconds / ids.Count;
            var kernelPerRequest = (portal.KernelProcessorTime - kernel).TotalMilliseconds / ids.Count;
            var clientsPerRequest = (Process.GetCurrentProcess().TotalProcessorTime - clientsCpu).TotalMilliseconds / ids.Count;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    POST {posts}; {ids.Count:N0} filed in {filing.TotalSeconds:0.0} s"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    the portal used {cpuPerRequest:0.0} ms of processor time per request{(collecting ? " (filed and collected)" : "")}, {kernelPerRequest:0.0} ms of it in the kernel; the clients {clientsPerRequest:0.0} ms"));
            if (untilCompleted is { } completed)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    all Completed {completed.TotalSeconds:0.0} s after the first POST: {ids.Count / completed.TotalSeconds:0} requests/s"));
            }

            if (options.Profile)
            {
                var log = Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"drp-load-{(collecting ? "collecting" : "anchor")}-{round}.log"));
                await File.WriteAllLinesAsync(log, portal.Log.Skip(skipLog));
                CommandProfile.Print([.. portal.Log.Skip(skipLog)], output);
                output.WriteLine($"  the portal's log: {log}");
            }

            return new PhaseResult(posts, ids.Count / filing.TotalSeconds, untilCompleted);
        }
        catch (HttpRequestException ex)
        {
            throw portal.Explain(ex);
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>
    /// Files batches of <paramref name="batch"/> requests until one leaves the runtime compiling next to nothing (see
    /// <see cref="JitActivity"/>): a portal that has served for a while, as one taking clients' filings has, not one still
    /// compiling its hot methods beside the measured work. When <paramref name="collecting"/>, each batch is collected
    /// too. After each batch the portal is left to finish its background work (reports, deliveries, copying the
    /// database's log), so the measured filings meet a portal with nothing left over. Both phases warm up alike.
    /// <paramref name="fresh"/>: one batch only, its background work not waited for, as a portal just started.
    /// </summary>
    private static async Task<WarmUp> WarmUpAsync(PortalUnderTest portal, List<HttpClient> clients, int batch, bool collecting, bool fresh)
    {
        await using var jit = JitActivity.Watch(portal.ProcessId);
        var compiledPerBatch = new List<long>();
        long dynamicLast = 0;
        for (var n = 1; n <= (fresh ? 1 : MaxWarmUpBatches); n++)
        {
            var before = jit.Compiled;
            var dynamicBefore = jit.DynamicCompiled;
            var ids = await FileAsync(clients, string.Create(CultureInfo.InvariantCulture, $"warm{n}"), batch, new Latencies());
            if (collecting)
            {
                await WaitUntilCompletedAsync(portal, ids, TimeSpan.FromMinutes(2));
            }

            if (!fresh)
            {
                await portal.WaitUntilIdleAsync(TimeSpan.FromMinutes(10));
            }

            compiledPerBatch.Add(jit.Compiled - before);
            dynamicLast = jit.DynamicCompiled - dynamicBefore;
            if (compiledPerBatch[^1] <= SettledCompilations)
            {
                break;
            }
        }

        return new WarmUp(compiledPerBatch.Count * batch, compiledPerBatch, dynamicLast, compiledPerBatch[^1] <= SettledCompilations);
    }

    /// <summary>Files <paramref name="count"/> requests, the clients taking the next one as soon as their last is answered.</summary>
    private static async Task<List<long>> FileAsync(List<HttpClient> clients, string prefix, int count, Latencies latencies)
    {
        var next = -1;
        var ids = new List<long>(count);
        await Task.WhenAll(clients.Select(async client =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                using var form = new FormUrlEncodedContent([new("email", $"{prefix}-{n}@example.com")]);
                var clock = Stopwatch.StartNew();
                using var response = await client.PostAsync("v1/datarequest", form);
                var body = await response.Content.ReadAsStringAsync();
                latencies.Add(clock.Elapsed);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {body}");
                }

                using var json = JsonDocument.Parse(body);
                var id = long.Parse(json.RootElement.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
                lock (ids)
                {
                    ids.Add(id);
                }
            }
        }));
        return ids;
    }

    /// <summary>Waits until every request is Completed; returns when the last of them completed, as the portal recorded it.</summary>
    private static async Task<DateTimeOffset> WaitUntilCompletedAsync(PortalUnderTest portal, List<long> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var db = portal.CreateDbContext())
            {
                var states = await db.DataRequests.AsNoTracking().Where(r => ids.Contains(r.Id)).Select(r => new { r.State, r.CompletedAt }).ToListAsync();
                if (states.Any(s => s.State is not (RequestState.Queued or RequestState.Collecting or RequestState.Completed)))
                {
                    throw new InvalidOperationException($"Requests ended otherwise: {string.Join(", ", states.GroupBy(s => s.State).Select(g => $"{g.Count()} {g.Key}"))}.");
                }

                if (states.Count == ids.Count && states.All(s => s.State == RequestState.Completed))
                {
                    return states.Max(s => s.CompletedAt!.Value);
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"After {timeout.TotalMinutes} minutes {states.Count(s => s.State == RequestState.Completed)} of {ids.Count} requests are Completed.");
                }
            }

            await Task.Delay(250);
        }
    }

    private sealed record WarmUp(int Filings, List<long> CompiledPerBatch, long DynamicInLastBatch, bool Settled);

    private sealed record PhaseResult(Latencies Posts, double FilingsPerSecond, TimeSpan? UntilCompleted);
}
