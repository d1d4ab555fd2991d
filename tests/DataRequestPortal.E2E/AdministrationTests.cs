using System.Text.RegularExpressions;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

public partial class AdministrationTests : PortalSession
{
    // A web shop's database next to the portal's own store, and a help desk nobody answers for, so the sources page
    // shows both outcomes of a connection test.
    private static readonly string ShopFile = Path.Combine(Path.GetTempPath(), "drp-tests", $"e2e-shop-{Guid.NewGuid():N}.db");

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Collection:Enabled"] = "false",
        ["Sources:Sql:0:Key"] = "shop",
        ["Sources:Sql:0:Title"] = "Web shop",
        ["Sources:Sql:0:Provider"] = "Sqlite",
        ["Sources:Sql:0:ConnectionString"] = $"Data Source={ShopFile}",
        ["Sources:Sql:0:SubjectTypes:0"] = "email",
        ["Sources:Sql:0:Categories:0:Name"] = "order",
        ["Sources:Sql:0:Categories:0:Description"] = "Orders you placed in our web shop: date, items and total.",
        ["Sources:Sql:0:Categories:0:Query"] = "SELECT id, placed_at, total FROM orders WHERE email = @subject",
        ["Sources:Sql:0:Facts:Purposes:0"] = "Delivering and invoicing your orders",
        ["Sources:Sql:0:Facts:Recipients:0"] = "Our payment provider and parcel carrier",
        ["Sources:Sql:0:Facts:Retention"] = "Seven years after the order, as tax law requires",
        ["Sources:Sql:0:Facts:Origin"] = "You, when you ordered",
        ["Sources:Http:0:Key"] = "helpdesk",
        ["Sources:Http:0:Title"] = "Customer service desk",
        ["Sources:Http:0:UrlTemplate"] = "http://127.0.0.1:9/api/tickets?email={subject}",
        ["Sources:Http:0:Headers:X-Api-Key"] = "helpdesk-key-never-shown",
        ["Sources:Http:0:TimeoutSeconds"] = "5",
        ["Sources:Http:0:Category:Name"] = "ticket",
        ["Sources:Http:0:Category:Description"] = "Questions and complaints you sent to customer service, with our answers.",
    };

    public override async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ShopFile)!);
        await using (var shop = new SqliteConnection($"Data Source={ShopFile};Pooling=false"))
        {
            await shop.OpenAsync();
            await using var create = shop.CreateCommand();
            create.CommandText = "CREATE TABLE IF NOT EXISTS orders (id INTEGER PRIMARY KEY, email TEXT, placed_at TEXT, total REAL)";
            await create.ExecuteNonQueryAsync();
        }

        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(ShopFile);
    }

    [Fact]
    public async Task Admin_CreatesAnOfficer_WhoSignsInWithThePasswordShownOnce_ThenIssuesAndRevokesAToken()
    {
        await SignInAsAdminAtAsync("/admin/staff", "Staff accounts");

        // The dialog is used from the keyboard: the name field has the focus, Tab moves on, Enter submits.
        await Page.GetByTestId("add-account").ClickAsync();
        await Expect(Page.Locator("#account-name")).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.GetByText("Enter the person's name.")).ToBeVisibleAsync();
        await Page.Keyboard.TypeAsync("Olga Officer");
        await Page.Locator("#account-email").FillAsync("olga@example.com");
        await Page.Keyboard.PressAsync("Tab");

        // A field is checked again when it is left: both complaints are gone once the fields are filled in.
        await Expect(Page.GetByText("Enter the person's name.")).ToHaveCountAsync(0);
        await Expect(Page.GetByText("Enter the email address the person signs in with.")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(Page, "10-admin-add-account");
        await Page.Locator("#account-email").PressAsync("Enter");

        var shown = Page.Locator("#shown-password");
        await Expect(shown).ToBeVisibleAsync();
        var officerPassword = await shown.InputValueAsync();
        Assert.Matches("^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$", officerPassword);
        await Browser.ScreenshotAsync(Page, "11-admin-password-shown-once");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(shown).ToHaveCountAsync(0);
        var row = Page.Locator(".account-olga-example-com");
        await Expect(row.GetByTestId("account-role")).ToHaveTextAsync("Officer");
        Assert.DoesNotContain(officerPassword, await Page.ContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(Page, "12-admin-staff-accounts");
        await Page.SetViewportSizeAsync(820, 1180);
        await Browser.ScreenshotAsync(Page, "12-admin-staff-accounts-tablet");
        await Page.SetViewportSizeAsync(1366, 860);

        await Page.GetByRole(AriaRole.Link, new() { Name = "API tokens" }).ClickAsync();
        await Expect(Page.GetByTestId("no-tokens")).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByTestId("add-token").ClickAsync();
        await Expect(Page.Locator("#token-name")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("crm");
        await Page.Keyboard.PressAsync("Enter");
        var token = Page.Locator("#shown-token");
        await Expect(token).ToHaveValueAsync(TokenPattern());
        var plainToken = await token.InputValueAsync();
        await Browser.ScreenshotAsync(Page, "13-admin-token-shown-once");
        await Page.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(token).ToHaveCountAsync(0);
        await Expect(Page.Locator(".token-row").GetByTestId("token-status")).ToHaveTextAsync("Active");
        Assert.DoesNotContain(plainToken, await Page.ContentAsync(), StringComparison.Ordinal);
        await Browser.ScreenshotAsync(Page, "14-admin-api-tokens");

        await Page.GetByTestId("revoke-token").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Page.Locator(".token-row").GetByTestId("token-status")).ToContainTextAsync("Revoked");

        await Page.GetByTestId("user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(SignInUrl());
        await SignInAsync("olga@example.com", officerPassword);

        // Signed out from the tokens page, the officer is taken back there, and refused.
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Access denied" })).ToBeVisibleAsync();
        await Page.GotoAsync("/");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByTestId("user-menu")).ToContainTextAsync("Olga Officer");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Admin_TestsEachSourcesConnection_AndSeesWhichAnswer()
    {
        await SignInAsAdminAtAsync("/admin/sources", "Sources");

        foreach (var key in new[] { "platform", "shop", "helpdesk" })
        {
            await Source(key).GetByTestId("test-connection").ClickAsync();
        }

        await Expect(Source("platform").GetByTestId("test-result")).ToContainTextAsync("Reachable");
        await Expect(Source("shop").GetByTestId("test-result")).ToContainTextAsync("Opened the SQLite database and ran a test query.");
        await Expect(Source("helpdesk").GetByTestId("test-result")).ToContainTextAsync("Not reachable");
        Assert.DoesNotContain("helpdesk-key-never-shown", await Page.ContentAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(ShopFile, await Page.ContentAsync(), StringComparison.Ordinal);
        await Page.Mouse.WheelAsync(0, -10_000);
        await Browser.ScreenshotAsync(Page, "15-admin-sources");

        await Page.SetViewportSizeAsync(820, 1180);
        await Browser.ScreenshotAsync(Page, "16-admin-sources-tablet");
    }

    private async Task SignInAsAdminAtAsync(string path, string heading)
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync(path);
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
    }

    private ILocator Source(string key) => Page.Locator($"[data-source={key}]");

    [GeneratedRegex("^drp_[A-Za-z0-9_-]{40,}$")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("/Account/Login")]
    private static partial Regex SignInUrl();
}
