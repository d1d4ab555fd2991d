using Microsoft.Playwright;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>Debian's Chromium, headless, with the flags the end-to-end tests use.</summary>
public static class Chromium
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ExecutablePath} (apt-get install chromium, or set CHROMIUM_PATH).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args =
            [
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        });
        return (playwright, browser);
    }

    /// <summary>A browser context of its own (cookies apart) at <paramref name="baseAddress"/>, the size the screenshots use.</summary>
    public static Task<IBrowserContext> NewContextAsync(IBrowser browser, Uri baseAddress) =>
        browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
            ColorScheme = ColorScheme.Light,
        });

    /// <summary>Signs in at the portal's staff sign-in page, to which <paramref name="page"/> was sent.</summary>
    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Waits until the page is live on its circuit (the portal's layout and the anchor page both mark it).</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
}
