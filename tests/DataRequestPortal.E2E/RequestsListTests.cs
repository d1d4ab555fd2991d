using System.Text.RegularExpressions;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>The requests list's own controls in a real browser, from the keyboard: pages, sort, the states drop-down.</summary>
public class RequestsListTests : PortalSession
{
    // The demo history: more requests than a page of ten, in several states.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Seed:DemoRequests"] = "true" };

    [Fact]
    public async Task TheKeyboard_PagesSortsAndFiltersByState_AndTheAddressFollows()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/requests?size=10");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator(".request-row")).ToHaveCountAsync(10);

        await Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/requests\\?page=2&size=10$"));
        await Expect(Page.GetByTestId("request-range")).ToHaveTextAsync(new Regex("^11–"));
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Current page 2" })).ToHaveAttributeAsync("aria-current", "page");

        var due = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Due" });
        await due.GetByRole(AriaRole.Button).FocusAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/requests\\?sort=due&dir=asc&size=10$"));
        await Expect(due).ToHaveAttributeAsync("aria-sort", "ascending");

        // The drop-down opens from the keyboard, its frame shows the focus, Tab reaches the check boxes, Escape closes it.
        var states = Page.Locator("#filter-state");
        await states.Locator("summary").FocusAsync();
        await Expect(states.Locator("xpath=../fieldset[contains(@class, 'mud-input-outlined-border')]")).ToHaveCSSAsync("border-top-width", "2px");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(states).ToHaveAttributeAsync("open", "");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.GetByRole(AriaRole.Checkbox, new() { Name = "Unverified" })).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Space");
        await Expect(Page).ToHaveURLAsync(new Regex("/requests\\?state=Unverified&sort=due&dir=asc&size=10$"));
        await Expect(Page.Locator("#filter-state-value")).ToHaveTextAsync("Unverified");
        await Expect(Page.Locator(".request-row").First).ToBeVisibleAsync();
        foreach (var state in await Page.GetByTestId("request-state").AllTextContentsAsync())
        {
            Assert.Equal("Unverified", state.Trim());
        }

        await Page.Keyboard.PressAsync("Escape");
        await Expect(states).Not.ToHaveAttributeAsync("open", "");
        await Expect(states.Locator("summary")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task ASortClickedBeforeThePageIsLive_IsMadeOnceItIs()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/requests");
        await SignInAsync(email, password);
        await WaitUntilInteractiveAsync();

        // The next load's live connection is held back until the click has been made on the static page.
        var connect = new TaskCompletionSource();
        await Page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await connect.Task;
            await route.ContinueAsync();
        });
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-interactive=false]")).ToBeAttachedAsync();
        var due = Page.GetByRole(AriaRole.Columnheader, new() { Name = "Due" });
        await due.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(Page.Locator("html.portal-getting-ready")).ToBeAttachedAsync();

        connect.SetResult();
        await Expect(Page).ToHaveURLAsync(new Regex("/requests\\?sort=due&dir=asc$"));
        await Expect(due).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Page.Locator("html.portal-getting-ready")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task ALinkClickedBeforeThePageIsLive_OpensItsPageOnceItIs()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/");
        await SignInAsync(email, password);
        await WaitUntilInteractiveAsync();

        var connect = new TaskCompletionSource();
        await Page.RouteAsync("**/_blazor/negotiate**", async route =>
        {
            await connect.Task;
            await route.ContinueAsync();
        });
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-interactive=false]")).ToBeAttachedAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Requests", Exact = true }).ClickAsync();
        await Expect(Page.Locator("html.portal-getting-ready")).ToBeAttachedAsync();

        connect.SetResult();
        await Expect(Page).ToHaveURLAsync(new Regex("/requests$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("html.portal-getting-ready")).ToHaveCountAsync(0);
    }
}
