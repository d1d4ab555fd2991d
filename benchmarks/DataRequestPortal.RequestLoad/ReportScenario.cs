using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using DataRequestPortal.Core.Sources.Platform.Demo;

namespace DataRequestPortal.RequestLoad;

/// <summary>
/// The PDF report of a large subject as API clients fetch it (<c>GET /v1/datarequest/{id}/pdf</c>): two first
/// downloads asked for together the moment the request completes, one a while after completion, and, as the anchor
/// in the same run, a download of the report once it is kept. Renders are counted by the report files the portal
/// writes beside the results before it moves one into place.
/// </summary>
public static class ReportScenario
{
    public static async Task RunAsync(LoadOptions options, TextWriter output)
    {
        var email = BenchmarkSubject.EmailFor(options.Records);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PDF report of {email} ({options.Records:N0} records); portal {options.Portal}"));
        var size = options.Records switch
        {
            1000 => new DemoSetSize(100, 2_000, 10_000),
            10000 => new DemoSetSize(1_000, 4_000, 20_000),
            _ => DemoSetSize.Default,
        };
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  filling the platform store with {size.Profiles:N0} profiles, {size.Messages:N0} mails and {size.Events:N0} events ..."));
        await using var portal = await PortalUnderTest.StartAsync(
            options.Portal,
            tokenCount: 1,
            new Dictionary<string, string>(),
            db => PlatformDemoSeed.WriteLargeSetAsync(db, size, TimeProvider.System, null, CancellationToken.None));
        using var first = portal.ClientFor(0);
        using var second = portal.ClientFor(0);

        // 1. Two downloads asked for together as soon as the request is complete.
        var id = await FileAsync(first, email);
        using (var renders = new RenderWatch(portal.ResultsFolder, id))
        {
            var completed = await WaitUntilAvailableAsync(first, id);
            var together = await Task.WhenAll(DownloadAsync(first, id), DownloadAsync(second, id));
            var ready = renders.ReadyAt ?? throw new InvalidOperationException("The report was handed out but never kept.");
            var same = together[0].Bytes.AsSpan().SequenceEqual(together[1].Bytes);
            var kept = await DownloadAsync(first, id);
            var renderTime = ready - (renders.FirstRenderAt ?? ready);
            output.WriteLine();
            output.WriteLine("| measurement | figure |");
            output.WriteLine("|---|---:|");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| report size | {together[0].Bytes.Length / 1048576.0:0.0} MiB |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| renders for two first downloads asked together at completion | {renders.Count} |"));
            output.WriteLine($"| the two downloads are the same file | {(same ? "yes" : "no: each made its own")} |");
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| one render (first render file to report kept) | {renderTime.TotalSeconds:0.00} s |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| report kept, after completion | {(ready - completed).TotalSeconds:0.00} s |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| the two first downloads, asked at completion | {together[0].Elapsed.TotalSeconds:0.00} s and {together[1].Elapsed.TotalSeconds:0.00} s |"));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| download of the kept report (anchor) | {kept.Elapsed.TotalMilliseconds:0} ms |"));

            // 2. A new request for the same subject, downloaded once after one render's time has passed since completion.
            var again = await FileAsync(first, email);
            using var laterRenders = new RenderWatch(portal.ResultsFolder, again);
            await WaitUntilAvailableAsync(first, again);
            await Task.Delay(renderTime * 1.5 + TimeSpan.FromSeconds(1));
            var later = await DownloadAsync(first, again);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| first download {(renderTime * 1.5 + TimeSpan.FromSeconds(1)).TotalSeconds:0.0} s after completion | {later.Elapsed.TotalMilliseconds:0} ms ({later.Elapsed / kept.Elapsed:0.0}× the anchor), {laterRenders.Count} render(s) |"));
            output.WriteLine();
            output.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"P8 renders per report: {renders.Count} (target 1); longest first-download wait {Math.Max(together[0].Elapsed.TotalSeconds, together[1].Elapsed.TotalSeconds):0.00} s against one render of {renderTime.TotalSeconds:0.00} s; a download after completion {later.Elapsed.TotalMilliseconds:0} ms against {kept.Elapsed.TotalMilliseconds:0} ms for a kept report"));
        }
    }

    private static async Task<long> FileAsync(HttpClient client, string email)
    {
        using var form = new FormUrlEncodedContent([new("email", email)]);
        using var response = await client.PostAsync("v1/datarequest", form);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"POST answered {(int)response.StatusCode}: {body}");
        }

        using var json = JsonDocument.Parse(body);
        return long.Parse(json.RootElement.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
    }

    /// <summary>Polls the status every 20 ms until the result is available; returns when that was seen.</summary>
    private static async Task<DateTimeOffset> WaitUntilAvailableAsync(HttpClient client, long id)
    {
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (DateTime.UtcNow < deadline)
        {
            using var status = JsonDocument.Parse(await client.GetStringAsync($"v1/datarequest/{id}/status"));
            var state = status.RootElement.GetProperty("status").GetString();
            if (state == "available")
            {
                return DateTimeOffset.UtcNow;
            }

            if (state != "pending")
            {
                throw new InvalidOperationException($"Request {id} ended {state}.");
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Request {id} did not complete within 10 minutes.");
    }

    private static async Task<Download> DownloadAsync(HttpClient client, long id)
    {
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync($"v1/datarequest/{id}/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"PDF download answered {(int)response.StatusCode}.");
        }

        return new Download(bytes, clock.Elapsed);
    }

    private sealed record Download(byte[] Bytes, TimeSpan Elapsed);

    /// <summary>Watches the results folder every 10 ms: each render writes a report file of its own before one is moved into place.</summary>
    private sealed class RenderWatch : IDisposable
    {
        private readonly ConcurrentDictionary<string, DateTimeOffset> partials = new();
        private readonly CancellationTokenSource stop = new();
        private readonly Task watching;
        private readonly string folder;
        private readonly string report;
        private DateTimeOffset? readyAt;

        public RenderWatch(string folder, long id)
        {
            this.folder = folder;
            report = $"{id}.pdf";
            watching = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (Directory.Exists(folder))
                    {
                        foreach (var file in Directory.EnumerateFiles(folder, report + ".*").Select(Path.GetFileName).Where(name => name != report))
                        {
                            partials.TryAdd(file!, DateTimeOffset.UtcNow);
                        }

                        if (readyAt is null && File.Exists(Path.Combine(folder, report)))
                        {
                            readyAt = DateTimeOffset.UtcNow;
                        }
                    }

                    await Task.Delay(10);
                }
            });
        }

        public int Count => partials.Count;

        public DateTimeOffset? FirstRenderAt => partials.IsEmpty ? null : partials.Values.Min();

        public DateTimeOffset? ReadyAt => readyAt ?? (File.Exists(Path.Combine(folder, report)) ? DateTimeOffset.UtcNow : null);

        public void Dispose()
        {
            stop.Cancel();
            watching.GetAwaiter().GetResult();
            stop.Dispose();
        }
    }
}
