using System.Globalization;
using Microsoft.Playwright;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>
/// Server memory per open staff dashboard: many Chromium pages of the requests list (25 rows) are kept open, each its own
/// Blazor circuit, and the portal's memory after full GCs is compared with its memory before they opened. A trivial
/// Blazor page on the anchor app is measured the same way in the same run.
/// </summary>
public static class CircuitMemory
{
    private const int RowsShown = 25;

    /// <param name="hold">Keeps the pages open after measuring, until Enter, to look at its heap with dotnet-gcdump or dotnet-dump.</param>
    public static async Task<int> RunAsync(int circuits, bool hold, TextWriter output)
    {
        await output.WriteLineAsync($"P6 circuit memory: {circuits} open pages, each its own circuit; memory after full GCs, compared with before they opened.");
        var (playwright, browser) = await Chromium.LaunchAsync();
        using (playwright)
        {
            Measured portal;
            await using (var server = await PortalServer.StartAsync(demoRequests: true))
            {
                // The demo history plus requests filed now: more than a page, in the states a working portal shows.
                var ids = new List<long>();
                for (var i = 0; i < 12; i++)
                {
                    ids.Add(await server.FileAsync($"dashboard-{i}@example.com"));
                }

                await server.WaitUntilAvailableAsync(ids);
                var context = await Chromium.NewContextAsync(browser, server.Server.BaseAddress);
                var signIn = await context.NewPageAsync();
                await signIn.GotoAsync("requests");
                var (email, password) = PortalServer.Administrator();
                await Chromium.SignInAsync(signIn, email, password);
                await signIn.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 }).WaitForAsync();
                await LeaveAsync(signIn);
                portal = await MeasureAsync(server.Server, context, "requests", async page =>
                {
                    var rows = page.Locator(".request-row");
                    await rows.Nth(RowsShown - 1).WaitForAsync();
                    var count = await rows.CountAsync();
                    if (count != RowsShown)
                    {
                        throw new InvalidOperationException($"The requests list shows {count} rows, not {RowsShown}.");
                    }
                }, circuits, hold, output);

                // What the measured page looks like, to compare by eye before and after a change.
                await ScreenshotsAsync(context, output);
                await context.CloseAsync();
            }

            Measured anchor;
            await using (var server = await AnchorServer.StartAsync())
            {
                var context = await Chromium.NewContextAsync(browser, server.BaseAddress);
                anchor = await MeasureAsync(server, context, "", _ => Task.CompletedTask, circuits, hold, output);
                await context.CloseAsync();
            }

            await browser.CloseAsync();
            await output.WriteLineAsync($"  portal   /requests, {RowsShown} rows: {portal.Describe()}");
            await output.WriteLineAsync($"  anchor   a trivial Blazor page:     {anchor.Describe()}");
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  ratio    portal / anchor per circuit: {(double)portal.ResidentPerCircuit / anchor.ResidentPerCircuit:0.0}x resident, {(double)portal.HeapPerCircuit / anchor.HeapPerCircuit:0.0}x managed heap"));
            await output.WriteLineAsync("  guidance Microsoft's Blazor Server guidance: about 273 KB per circuit");
        }

        return 0;
    }

    /// <summary>The list at a desktop's and a phone's width, light and dark, and with the states filter open.</summary>
    private static async Task ScreenshotsAsync(IBrowserContext context, TextWriter output)
    {
        var folder = Path.Combine(ServerProcess.BuiltPath("RepositoryRoot"), "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        foreach (var (width, height) in new[] { (1366, 860), (390, 844) })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                var page = await context.NewPageAsync();
                await page.SetViewportSizeAsync(width, height);
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                await page.GotoAsync("requests");
                await Chromium.WaitUntilInteractiveAsync(page);
                await page.Locator(".request-row").Nth(RowsShown - 1).WaitForAsync();
                var name = scheme == ColorScheme.Light ? $"requests-list-{width}.png" : $"requests-list-{width}-dark.png";
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name), FullPage = true });
                if (width == 1366)
                {
                    await page.Locator("#filter-state").ClickAsync();
                    await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name.Replace(".png", "-states.png", StringComparison.Ordinal)) });
                }

                await LeaveAsync(page);
            }
        }

        await output.WriteLineAsync($"           the list as measured, light and dark, 1366 and 390 px wide: {folder}/requests-list-*.png");
    }

    /// <summary>Warms the server up with a few pages opened and left, measures it settled, opens the pages, measures again.</summary>
    private static async Task<Measured> MeasureAsync(ServerProcess server, IBrowserContext context, string path, Func<IPage, Task> loaded, int circuits, bool hold, TextWriter output)
    {
        for (var i = 0; i < 3; i++)
        {
            var page = await OpenAsync(context, path, loaded);
            await LeaveAsync(page);
        }

        await Task.Delay(TimeSpan.FromSeconds(2));
        var before = await SettledMemory.MeasureAsync(server);
        var pages = new List<IPage>();
        for (var i = 0; i < circuits; i++)
        {
            pages.Add(await OpenAsync(context, path, loaded));
            if ((i + 1) % 25 == 0)
            {
                await output.WriteLineAsync($"           {server.Name}: {i + 1} pages open");
            }
        }

        // Let the last renders and interop calls finish before collecting.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = await SettledMemory.MeasureAsync(server);
        if (hold)
        {
            await output.WriteLineAsync($"           {server.Name} (process {server.ProcessId}) holds {circuits} circuits; press Enter to go on.");
            await Console.In.ReadLineAsync();
        }

        foreach (var page in pages)
        {
            await page.CloseAsync();
        }

        return new Measured(circuits, before, after);
    }

    private static async Task<IPage> OpenAsync(IBrowserContext context, string path, Func<IPage, Task> loaded)
    {
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(60_000);
        var console = new List<string>();
        page.Console += (_, message) => console.Add($"{message.Type}: {message.Text}");
        await page.GotoAsync(path);
        try
        {
            await Chromium.WaitUntilInteractiveAsync(page);
            await loaded(page);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{page.Url} did not come alive: {ex.Message}\nThe browser's console:\n{string.Join('\n', console)}", ex);
        }

        return page;
    }

    /// <summary>Navigates away and closes the page, so its circuit is ended at once rather than kept for a reconnect.</summary>
    private static async Task LeaveAsync(IPage page)
    {
        await page.GotoAsync("about:blank");
        await page.CloseAsync();
    }

    private sealed record Measured(int Circuits, SettledMemory Before, SettledMemory After)
    {
        public long ResidentPerCircuit => (After.Resident - Before.Resident) / Circuits;

        public long HeapPerCircuit => (After.ManagedHeap - Before.ManagedHeap) / Circuits;

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"{Kilobytes(ResidentPerCircuit)} resident and {Kilobytes(HeapPerCircuit)} managed heap per circuit (resident {Megabytes(Before.Resident)} -> {Megabytes(After.Resident)}, heap {Megabytes(Before.ManagedHeap)} -> {Megabytes(After.ManagedHeap)})");

        private static string Kilobytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0} KB");

        private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
    }
}
