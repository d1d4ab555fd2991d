using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>An officer files requests and watches the collector move them along, without reloading the page.</summary>
public class LiveRequestsTests : PortalSession
{
    private readonly GatedRecordServer records = new();

    // One request at a time, so the second waits visibly in the queue; the CRM answers when the test says so.
    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:MaxConcurrency"] = "1",
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task NewRequests_MoveFromQueuedThroughCollectingToCompleted_WithoutReloading()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/requests");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Page.EvaluateAsync("() => window.notReloaded = true");

        var first = await FileAsync("first.subject@example.com");
        await Expect(State(first)).ToHaveTextAsync("Collecting");

        var second = await FileAsync("second.subject@example.com");
        await Expect(State(second)).ToHaveTextAsync("Queued");
        await Browser.ScreenshotAsync(Page, "10-requests-collecting-and-queued");

        records.Open("first.subject@example.com");
        await Expect(State(first)).ToHaveTextAsync("Completed");
        await Expect(State(second)).ToHaveTextAsync("Collecting");
        await Expect(Progress(first)).ToContainTextAsync("sources");

        records.Open("second.subject@example.com");
        await Expect(State(second)).ToHaveTextAsync("Completed");
        await Browser.ScreenshotAsync(Page, "11-requests-completed");

        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded.");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }

    /// <summary>Files a request through the dialog; returns the row's request id.</summary>
    private async Task<string> FileAsync(string address)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await Page.GetByLabel("Email address").FillAsync(address);
        await Page.GetByLabel("How the subject's identity was verified").FillAsync("Replied from the address on file");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        var row = Page.Locator(".request-row", new() { HasText = address });
        await Expect(row).ToBeVisibleAsync();
        return (await row.Locator(".request-id").TextContentAsync())!.Trim();
    }

    private ILocator State(string id) => Page.Locator($".request-{id} [data-testid=request-state]");

    private ILocator Progress(string id) => Page.Locator($".request-{id} [data-testid=request-progress]");
}
