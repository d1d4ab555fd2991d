using System.Globalization;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// Over a slow connection the server's answer to one key arrives after the next keys were typed. Text typed quickly
/// must still arrive whole, and a form sent from the keyboard straight after the last key sends all of it.
/// </summary>
public class SlowConnectionTests : PortalSession
{
    private const string Officer = "olga.officer@example.com";
    private const string Password = "Staff-Pass-2026!";
    private const string Max = "max.mustermann@example.com";

    /// <summary>A mobile connection's round trip of about 160 ms.</summary>
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(80);

    private readonly GatedRecordServer records = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:PollSeconds"] = "1",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await SlowConnection.DelayCircuitAsync(Page, OneWay);
    }

    [Fact]
    public async Task ACancellationReason_TypedQuicklyAndSentWithCtrlEnter_ArrivesWhole()
    {
        const string Reason = "The subject withdrew the request on the phone at 10:42, and asked us to delete nothing.";
        await Portal.CreateStaffAsync(Officer, Password, PortalRoles.Officer);
        await Page.GotoAsync("/requests");
        await SignInAsync(Officer, Password);
        await WaitUntilInteractiveAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await Page.Locator("#subject-identifier").FillAsync(Max);
        await Page.Locator("#identity-verification").FillAsync("Called from the number on file");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        var filed = Page.Locator("[data-testid=filed-link]");
        await Expect(filed).ToBeVisibleAsync();
        var id = long.Parse((await filed.TextContentAsync())!.Trim(), CultureInfo.InvariantCulture);

        await Page.GotoAsync($"/requests/{id}");
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Collecting");
        await WaitUntilInteractiveAsync();
        await Page.Locator("[data-testid=action-cancel]").ClickAsync();
        var reason = Page.GetByRole(AriaRole.Dialog).Locator("textarea").First;
        await Expect(reason).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Reason);
        await Page.Keyboard.PressAsync("Control+Enter");

        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Cancelled");
        var stored = await Portal.WaitForRequestAsync(id, r => r.State == RequestState.Cancelled);
        Assert.Equal(Reason, stored.CancellationReason);
        await Expect(Page.Locator("[data-testid=timeline]")).ToContainTextAsync(Reason);
        records.Open(Max);
    }

    [Fact]
    public async Task AnAccountAndATokenName_TypedQuicklyAndSentWithEnter_ArriveWhole()
    {
        const string Name = "Fenna van der Heijden-Oosterhuis";
        const string Email = "fenna.vanderheijden-oosterhuis@example.com";
        const string TokenName = "customer service desk in Rotterdam";
        var (admin, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/admin/staff");
        await SignInAsync(admin, password);
        await WaitUntilInteractiveAsync();

        await Page.GetByTestId("add-account").ClickAsync();
        await Expect(Page.Locator("#account-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Name);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Email);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#shown-password")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await using (var db = Portal.CreateDbContext())
        {
            var account = await db.Users.SingleAsync(u => u.Email == Email);
            Assert.Equal(Name, account.DisplayName);
        }

        await Page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByTestId("add-token").ClickAsync();
        await Expect(Page.Locator("#token-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(TokenName);
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#shown-token")).ToBeVisibleAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(Page.Locator(".token-row")).ToContainTextAsync(TokenName);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }
}
