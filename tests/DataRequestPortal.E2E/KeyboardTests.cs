using System.Globalization;
using System.Text.Json;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// Without a mouse: an officer signs in, files a request and cancels it with a reason; a data subject asks for their data
/// and downloads it. Every control is reached with Tab and used with Enter, Space or typing.
/// </summary>
public class KeyboardTests : PortalSession
{
    private const string Officer = "olga.officer@example.com";
    private const string Password = "Staff-Pass-2026!";
    private const string Jane = "jane.doe@example.com";
    private const string Max = "max.mustermann@example.com";
    private readonly GatedRecordServer records = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task AnOfficer_FilesARequestAndCancelsIt_WithTheKeyboardAlone()
    {
        await Portal.CreateStaffAsync(Officer, Password, PortalRoles.Officer);
        await Page.GotoAsync("/requests");

        // The sign-in form puts the focus in its first field.
        await Expect(Page.Locator("#Input\\.Email")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Officer);
        await Page.Keyboard.PressAsync("Tab");
        await Page.Keyboard.TypeAsync(Password);
        await Page.Keyboard.PressAsync("Enter");
        await WaitUntilInteractiveAsync();

        await TabToAsync(Page, "button", "File a request");
        await Page.Keyboard.PressAsync("Enter");
        await Expect(Page.Locator("#subject-identifier")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync(Max);
        await Page.Keyboard.PressAsync("Tab");
        await Expect(Page.Locator("#identity-verification")).ToBeFocusedAsync();
        await Page.Keyboard.TypeAsync("Called from the number on file");
        await TabToAsync(Page, "button", "File request");
        await Browser.ScreenshotAsync(Page, "70-keyboard-file-request");
        await Page.Keyboard.PressAsync("Enter");

        // The message that it was filed links to the new request.
        var filed = Page.Locator("[data-testid=filed-link]");
        await Expect(filed).ToBeVisibleAsync();
        var id = (await filed.TextContentAsync())!.Trim();
        await Expect(Page.Locator(".request-row", new() { HasText = Max }).Locator("a.request-link")).ToHaveTextAsync(id);
        await TabToAsync(Page, "a.request-link", id);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForURLAsync($"**/requests/{id}");
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Collecting");
        await WaitUntilInteractiveAsync();

        // Cancel: the dialog puts the focus in the reason, and Ctrl+Enter sends it.
        await TabToAsync(Page, "[data-testid=action-cancel]", "Cancel");
        await Page.Keyboard.PressAsync("Enter");
        var dialog = Page.GetByRole(AriaRole.Dialog);
        var reason = dialog.Locator("textarea").First;
        await Expect(reason).ToBeFocusedAsync();

        // No complaint before anything is typed; sending it empty names what is missing, and nothing happens.
        var missing = dialog.GetByText("A cancellation needs a reason the subject can read.");
        await Expect(missing).ToHaveCountAsync(0);
        await Page.Keyboard.PressAsync("Control+Enter");
        await Expect(missing).ToBeVisibleAsync();
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Collecting");
        await Page.Keyboard.TypeAsync("The subject withdrew the request on the phone");
        await Browser.ScreenshotAsync(Page, "71-keyboard-cancel-dialog");
        await Page.Keyboard.PressAsync("Control+Enter");

        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Cancelled");
        await Expect(Page.Locator("[data-testid=timeline]")).ToContainTextAsync("The subject withdrew the request on the phone");
        var stored = await Portal.WaitForRequestAsync(long.Parse(id, CultureInfo.InvariantCulture), r => r.State == RequestState.Cancelled);
        Assert.Equal("The subject withdrew the request on the phone", stored.CancellationReason);
        records.Open(Max);
    }

    [Fact]
    public async Task ASubject_AsksForTheirDataAndDownloadsIt_WithTheKeyboardAlone()
    {
        await Page.GotoAsync("/my-data");
        await TabToAsync(Page, "#email");
        await Page.Keyboard.TypeAsync(Jane);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForURLAsync("**/my-data/verify");
        var mail = await Portal.ReadCodeMailAsync(Jane);

        await TabToAsync(Page, "#code");
        await Page.Keyboard.TypeAsync(mail.Code);
        await Page.Keyboard.PressAsync("Enter");
        await Page.WaitForURLAsync("**/my-data/requests?filed=*");
        await WaitUntilInteractiveAsync();
        var id = long.Parse(Page.Url[(Page.Url.LastIndexOf('=') + 1)..], CultureInfo.InvariantCulture);
        var request = Page.Locator($"[data-testid=subject-request-{id}]");

        records.Open(Jane);
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Completed));

        // The state change is read out, and the download is reached and started from the keyboard.
        await Expect(Page.Locator("[data-testid=status-announcement]")).ToContainTextAsync(SubjectTexts.State(RequestState.Completed));
        await TabToAsync(Page, "[data-testid=subject-download-json]");
        await Browser.ScreenshotAsync(Page, "72-keyboard-subject-download");
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Keyboard.PressAsync("Enter"));
        using var json = JsonDocument.Parse(await File.ReadAllBytesAsync((await download.PathAsync())!));
        Assert.Equal(Jane, json.RootElement.GetProperty("info").GetProperty("id").GetString());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> (and showing <paramref name="text"/>) has the focus; fails when Tab never reaches it.</summary>
    private static async Task TabToAsync(IPage page, string selector, string? text = null)
    {
        const int Limit = 120;
        for (var presses = 0; presses < Limit; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            var reached = await page.EvaluateAsync<bool>(
                "([selector, text]) => { const e = document.activeElement; return !!e && e.matches(selector) && (!text || (e.textContent ?? '').trim().includes(text)); }",
                new[] { selector, text ?? "" });
            if (reached)
            {
                return;
            }
        }

        Assert.Fail($"Tab never reached {selector}{(text is null ? "" : $" '{text}'")} in {Limit} presses.");
    }
}
