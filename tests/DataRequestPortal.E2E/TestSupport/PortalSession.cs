using Microsoft.Playwright;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>Each test gets its own portal process and a fresh browser page; both are gone afterwards.</summary>
public abstract class PortalSession : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    protected PortalProcess Portal { get; private set; } = default!;

    protected IPage Page { get; private set; } = default!;

    /// <summary>Settings the test's portal starts with, over the development defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public virtual async Task InitializeAsync()
    {
        Portal = await PortalProcess.StartAsync(Settings);
        (playwright, browser) = await Browser.LaunchAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
            ColorScheme = ColorScheme.Light,
        });
        Page = await context.NewPageAsync();
        Page.SetDefaultTimeout(20_000);

        // Expectations wait as long as actions do: on a busy two-core machine a circuit can take longer than 5 s to connect.
        Assertions.SetDefaultExpectTimeout(20_000);
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

    protected async Task SignInAsync(string email, string password)
    {
        await Page.GetByLabel("Email").FillAsync(email);
        await Page.GetByLabel("Password").FillAsync(password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }
}
