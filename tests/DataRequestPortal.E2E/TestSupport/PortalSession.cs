using Microsoft.Playwright;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>Each test gets its own portal process and a fresh browser page; both are gone afterwards.</summary>
public abstract class PortalSession : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>
    /// How long an action or expectation may wait, in milliseconds. Generous: CI shares a two-core machine, where a
    /// navigation or a circuit can take many seconds; a passing step never waits for it.
    /// </summary>
    public const float Patience = 60_000;

    protected PortalProcess Portal { get; private set; } = default!;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Settings the test's portal starts with, over the development defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(Settings);
        (playwright, browser) = await Browser.LaunchAsync();
        Page = await NewBrowserPageAsync();

        // Expectations wait as long as actions do: on a busy two-core machine a page can take many seconds.
        Assertions.SetDefaultExpectTimeout(Patience);
    }

    /// <summary>A page in a browser of its own: no cookies shared with <see cref="Page"/> or any other.</summary>
    /// <param name="viewport">The window; a 1366 × 860 laptop screen by default.</param>
    /// <param name="colorScheme">The operating system's light or dark preference, which the portal follows until a theme is chosen.</param>
    /// <param name="locale">The browser's language (its <c>Accept-Language</c>); Playwright's default when null.</param>
    protected async Task<IPage> NewBrowserPageAsync(ViewportSize? viewport = null, ColorScheme colorScheme = ColorScheme.Light, string? locale = null)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 860 },
            ColorScheme = colorScheme,
            Locale = locale,
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Patience);
        return page;
    }

    public virtual async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        await Portal.DisposeAsync();
    }

    /// <summary>Waits until the page is live on its circuit; before that, clicks reach only the static prerender.</summary>
    protected Task WaitUntilInteractiveAsync() =>
        Assertions.Expect(Page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

    protected Task SignInAsync(string email, string password) => SignInAsync(Page, email, password);

    protected static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
