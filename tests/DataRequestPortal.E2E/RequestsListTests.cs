using System.Text.RegularExpressions;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>The requests list's own controls in a real browser: pages, sort, the states drop-down, and its rows.</summary>
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

    [Fact]
    public async Task AClickAnywhereOnARow_OpensTheRequest_ButADragThatSelectsItsTextDoesNot()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/requests");
        await SignInAsync(email, password);
        await WaitUntilInteractiveAsync();
        var rows = Page.Locator(".request-row");
        await Expect(rows.Nth(1)).ToBeVisibleAsync();
        var second = (await rows.Nth(1).Locator("a.request-link").TextContentAsync())!.Trim();

        // Rows are no tab stops: the keyboard goes to each row's link.
        Assert.Null(await rows.First.GetAttributeAsync("tabindex"));

        // A drag across the first line of a row's subject selects it (the browser's own selection).
        var line = await rows.First.Locator(".request-subject").EvaluateAsync<double[]>(
            "span => { const range = document.createRange(); range.selectNodeContents(span); const r = range.getClientRects()[0]; return [r.left, r.top, r.width, r.height]; }");
        await Page.Mouse.MoveAsync((float)(line[0] + 1), (float)(line[1] + (line[3] / 2)));
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync((float)(line[0] + line[2] - 1), (float)(line[1] + (line[3] / 2)), new() { Steps = 5 });
        await Page.Mouse.UpAsync();
        Assert.NotEqual("", await Page.EvaluateAsync<string>("() => window.getSelection().toString().trim()"));

        // A link the portal follows changes the address at once, within the click: none did.
        Assert.Equal("/requests", await Page.EvaluateAsync<string>("() => location.pathname"));

        // A plain click on another row's text opens that request.
        await rows.Nth(1).Locator(".request-subject").ClickAsync();
        await Expect(Page).ToHaveURLAsync(new Regex($"/requests/{second}$"));
        await Expect(Page.Locator("h1 .request-id")).ToHaveTextAsync(second);
    }

    [Fact]
    public async Task ALinkClickedOnAPageThatCannotGoLive_IsStillFollowed()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/");
        await SignInAsync(email, password);
        await WaitUntilInteractiveAsync();

        // The live connection never comes (a proxy that drops it, say): the held click gives way to an ordinary link.
        await Page.RouteAsync("**/_blazor/negotiate**", route => route.AbortAsync());
        await Page.ReloadAsync();
        await Expect(Page.Locator("[data-interactive=false]")).ToBeAttachedAsync();
        await Page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Requests", Exact = true }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(new Regex("/requests$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.Locator("html.portal-getting-ready")).ToHaveCountAsync(0);
    }
}
