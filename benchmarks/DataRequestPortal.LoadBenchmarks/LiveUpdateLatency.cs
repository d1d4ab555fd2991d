using System.Diagnostics;
using System.Globalization;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Pages.Requests;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Playwright;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>
/// How long a change made elsewhere takes to show on an open request page: a completed request is deleted through
/// the API while its page is open in Chromium, and the page's own clock times the call until the state reads Expired.
/// The anchor is one SignalR round trip on loopback, measured in the same run.
/// </summary>
public static class LiveUpdateLatency
{
    private const int WarmUp = 5;

    // Runs in the page: installs the watch first, then deletes, and answers [until shown, until the DELETE answered] in ms.
    private const string DeleteAndWatch = """
        async ({ id, token }) => {
            const state = () => document.querySelector('[data-testid=detail-state]')?.textContent.trim();
            const shown = new Promise(resolve => {
                const observer = new MutationObserver(() => {
                    if (state() === 'Expired') { observer.disconnect(); resolve(performance.now()); }
                });
                observer.observe(document.body, { subtree: true, childList: true, characterData: true });
            });
            const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('The page did not show Expired within 20 s.')), 20000));
            const start = performance.now();
            const response = await fetch(`v1/datarequest/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` } });
            const answered = performance.now();
            if (!response.ok) { throw new Error(`DELETE answered ${response.status}`); }
            const at = await Promise.race([shown, timeout]);
            return [at - start, answered - start];
        }
        """;

    public static async Task<int> RunAsync(int samples, TextWriter output)
    {
        await output.WriteLineAsync($"P5 live update: a completed request deleted through the API until its open page (/requests/{{id}}) shows Expired; {samples} samples after {WarmUp} to warm up.");
        var shown = new Samples();
        var answered = new Samples();
        await using (var portal = await PortalServer.StartAsync(demoRequests: false))
        {
            var ids = new List<long>();
            for (var i = 0; i < samples + WarmUp; i++)
            {
                ids.Add(await portal.FileAsync($"live-{i}@example.com"));
            }

            await portal.WaitUntilAvailableAsync(ids);
            var (playwright, browser) = await Chromium.LaunchAsync();
            using (playwright)
            {
                var context = await Chromium.NewContextAsync(browser, portal.Server.BaseAddress);
                var page = await context.NewPageAsync();
                await page.GotoAsync("requests");
                var (email, password) = PortalServer.Administrator();
                await Chromium.SignInAsync(page, email, password);
                await page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 }).WaitForAsync();
                for (var i = 0; i < ids.Count; i++)
                {
                    await page.GotoAsync($"requests/{ids[i]}");
                    await Chromium.WaitUntilInteractiveAsync(page);
                    await page.Locator("[data-testid=detail-state]", new() { HasText = "Completed" }).WaitForAsync();
                    var times = await page.EvaluateAsync<double[]>(DeleteAndWatch, new { id = ids[i].ToString(CultureInfo.InvariantCulture), token = portal.Token });
                    if (i >= WarmUp)
                    {
                        shown.Add(times[0]);
                        answered.Add(times[1]);
                    }
                }

                await browser.CloseAsync();
            }
        }

        var anchor = await SignalRRoundTripsAsync(1000);
        var burst = await BurstAsync(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(10));

        await output.WriteLineAsync($"  portal   until the page shows it: {shown.Describe()}  (the DELETE answered: {answered.Describe()})");
        await output.WriteLineAsync($"  anchor   SignalR round trip on loopback: {anchor.Describe()} ({anchor.Count} round trips)");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  ratio    p95 portal / p95 anchor: {shown.Percentile(95) / anchor.Percentile(95):0}x;  p50: {shown.Percentile(50) / anchor.Percentile(50):0}x"));
        await output.WriteLineAsync(burst);
        return 0;
    }

    /// <summary>Round trips of a SignalR hub invocation between this process and the anchor app on loopback.</summary>
    private static async Task<Samples> SignalRRoundTripsAsync(int count)
    {
        await using var anchor = await AnchorServer.StartAsync();
        await using var connection = new HubConnectionBuilder().WithUrl(new Uri(anchor.BaseAddress, "hubs/echo")).Build();
        await connection.StartAsync();
        var samples = new Samples();
        for (var i = 0; i < count + 100; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await connection.InvokeAsync<string>("Echo", "request 4711 changed");
            if (i >= 100)
            {
                samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return samples;
    }

    /// <summary>The request page's live refresh fed a change every <paramref name="every"/> for <paramref name="length"/>: how many reloads that costs.</summary>
    private static async Task<string> BurstAsync(TimeSpan length, TimeSpan every)
    {
        var notifier = new RequestStatusNotifier();
        var reloads = 0;
        var firstReload = TimeSpan.Zero;
        var started = Stopwatch.GetTimestamp();
        using (var live = new LiveRefresh(RequestDetailPage.ReloadInterval, () =>
               {
                   if (Interlocked.Increment(ref reloads) == 1)
                   {
                       firstReload = Stopwatch.GetElapsedTime(started);
                   }

                   return Task.CompletedTask;
               }))
        {
            live.Follow(notifier, change => change.RequestId == 1);
            while (notifier.WatcherCount == 0)
            {
                await Task.Delay(1);
            }

            var subject = Subject.Create(SubjectType.Email, "burst@example.com");
            var changes = 0;
            started = Stopwatch.GetTimestamp();
            while (Stopwatch.GetElapsedTime(started) < length)
            {
                changes++;
                notifier.Publish(new RequestStatusChange(1, subject, RequestChannel.Api, RequestState.Collecting, new CollectionProgress(0, 1, changes, changes * 100L), DateTimeOffset.UtcNow));
                await Task.Delay(every);
            }

            // Whatever was gathered at the end has its reload too.
            await Task.Delay(RequestDetailPage.ReloadInterval * 2);
            return string.Create(CultureInfo.InvariantCulture,
                $"  burst    {changes} progress changes in {length.TotalSeconds:0} s to one open request page: {reloads} reloads ({reloads / length.TotalSeconds:0.0} a second), the first {firstReload.TotalMilliseconds:0} ms after the first change");
        }
    }
}
