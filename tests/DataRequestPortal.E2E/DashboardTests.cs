using System.Security.Cryptography;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>An officer's day: file, watch, download, and find the download in the audit log; an auditor can look but not act.</summary>
public class DashboardTests : PortalSession
{
    private const string Officer = "olga.officer@example.com";
    private const string Auditor = "aida.auditor@example.com";
    private const string Password = "Staff-Pass-2026!";
    private readonly GatedRecordServer records = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task AnOfficerFilesWatchesAndDownloads_TheAuditorSeesItAllButCannotAct()
    {
        await Portal.CreateStaffAsync(Officer, Password, PortalRoles.Officer);
        await Portal.CreateStaffAsync(Auditor, Password, PortalRoles.Auditor);

        await Page.GotoAsync("/requests");
        await SignInAsync(Officer, Password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await Page.GetByLabel("Email address").FillAsync("not an address");
        await Page.GetByLabel("How the subject's identity was verified").FillAsync("Replied from the address on file");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        await Expect(Page.GetByText("is not a valid email address")).ToBeVisibleAsync();
        await Page.GetByLabel("Email address").FillAsync("jane.doe@example.com");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();

        var row = Page.Locator(".request-row", new() { HasText = "jane.doe@example.com" });
        await row.Locator("a.request-link").ClickAsync();
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Collecting");
        await WaitUntilInteractiveAsync();
        var id = (await Page.Locator("h1 .request-id").TextContentAsync())!.Trim();
        await Page.EvaluateAsync("() => window.notReloaded = true");
        await Browser.ScreenshotAsync(Page, "20-request-detail-collecting");

        records.Open("jane.doe@example.com");
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Completed");
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded.");
        var sha = (await Page.Locator("[data-testid=result-sha256]").TextContentAsync())!.Trim();
        await Browser.ScreenshotAsync(Page, "21-request-detail-completed");

        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=download-json]").ClickAsync());
        Assert.Equal($"datarequest-{id}.json", download.SuggestedFilename);
        var file = await download.PathAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file!))));

        await Page.GotoAsync($"/audit?request={id}");
        var downloaded = Page.Locator(".audit-entry[data-action=ResultDownloaded]");
        // Staff are named by their account (here the part before the @), their address on hover.
        await Expect(downloaded.Locator(".audit-actor")).ToHaveTextAsync("olga.officer");
        await Expect(downloaded.Locator(".audit-actor")).ToHaveAttributeAsync("title", Officer);
        await Expect(downloaded).ToContainTextAsync("format json");
        await Browser.ScreenshotAsync(Page, "22-audit-log");

        await Page.GotoAsync("/requests");
        await Browser.ScreenshotAsync(Page, "23-requests-list");
        await Page.GotoAsync("/");
        await Expect(Page.Locator("[data-testid=weekly-chart]")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "24-home");

        // The auditor, in a browser of their own.
        var auditorPage = await Page.Context.Browser!.NewPageAsync(new BrowserNewPageOptions { BaseURL = Portal.BaseAddress.ToString() });
        await auditorPage.GotoAsync($"/requests/{id}");
        await auditorPage.GetByLabel("Email").FillAsync(Auditor);
        await auditorPage.GetByLabel("Password").FillAsync(Password);
        await auditorPage.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(auditorPage.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Completed");
        await Expect(auditorPage.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(auditorPage.Locator("[data-testid=download-json]")).ToBeVisibleAsync();
        Assert.Equal(0, await auditorPage.Locator("[data-testid=request-actions]").CountAsync());

        // A forged call: a valid session and antiforgery token, but the wrong role.
        await auditorPage.GotoAsync("/Account/Manage/ChangePassword");
        var token = await auditorPage.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");
        var forged = await auditorPage.APIRequest.PostAsync($"/requests/{id}/actions/cancel", new APIRequestContextOptions
        {
            Form = auditorPage.APIRequest.CreateFormData().Set("__RequestVerificationToken", token!).Set("seen", "999999999").Set("reason", "Forged"),
            MaxRedirects = 0,
        });
        Assert.Equal(403, forged.Status);
        var stored = await Portal.WaitForRequestAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture), r => true);
        Assert.Equal(DataRequestPortal.Core.Requests.RequestState.Completed, stored.State);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }
}
