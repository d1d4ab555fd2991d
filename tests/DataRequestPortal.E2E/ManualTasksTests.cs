using System.Text;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>The development settings' paper archive in a real browser: one task done by upload, another by attestation.</summary>
public class ManualTasksTests : PortalSession
{
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string> { ["Sources:Manual:0:Enabled"] = "true" };

    [Fact]
    public async Task AnAdmin_CompletesOneTaskByUpload_AndAnotherByAttestation()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/requests");
        await SignInAsync(email, password);
        await WaitUntilInteractiveAsync();

        await OpenNewRequestAsync("jane.doe@example.com");
        var task = Page.GetByTestId("task-1");
        await Expect(task).ToContainTextAsync($"Waiting for {email}");
        await Expect(Page.Locator(".source-paper-archive [data-testid=source-state]")).ToHaveTextAsync($"Waiting for {email}");
        // The file input hears a choice once the live page has set it up; a choice made before is not seen, as in any Blazor page.
        await Page.WaitForFunctionAsync("() => document.querySelector('#task-1-files')?._blazorInputFileNextFileId !== undefined", null, new() { Timeout = PortalSession.Patience });
        await Page.Locator("#task-1-files").SetInputFilesAsync(new FilePayload { Name = "letters.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes("date,subject\n2024-03-01,\"Complaint, delivery\"\n") });
        await Page.GetByTestId("task-upload").ClickAsync();
        await Expect(Page.GetByTestId("task-message")).ToHaveTextAsync("Task 1 done: 1 record uploaded.");
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Completed", new() { Timeout = PortalSession.Patience });
        await Expect(Page.GetByTestId("where-we-looked")).ToContainTextAsync("1 record provided");
        await Browser.ScreenshotAsync(Page, "60-manual-task-uploaded");

        await OpenNewRequestAsync("nobody@example.com");
        await Expect(Page.GetByTestId("task-1")).ToContainTextAsync($"Waiting for {email}");
        await Page.GetByTestId("task-attest").ClickAsync();
        await Expect(Page.GetByTestId("task-message")).ToContainTextAsync("Say in a note");
        await Page.GetByLabel("Note (required to attest)").FillAsync("Both letter cabinets searched by name and address");
        await Page.GetByTestId("task-attest").ClickAsync();
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Completed", new() { Timeout = PortalSession.Patience });
        await Expect(Page.GetByTestId("where-we-looked")).ToContainTextAsync("attested that nothing was found");
        await Browser.ScreenshotAsync(Page, "61-manual-task-attested");
    }

    private async Task OpenNewRequestAsync(string subject)
    {
        await Page.GotoAsync("/requests");
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await Page.GetByLabel("Email address").FillAsync(subject);
        await Page.GetByLabel("How the subject's identity was verified").FillAsync("Replied from the address on file");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        await Page.Locator(".request-row", new() { HasText = subject }).Locator("a.request-link").ClickAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Page.GetByTestId("task-1")).ToBeVisibleAsync(new() { Timeout = PortalSession.Patience });
    }
}
