using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>An officer reviews Jane Doe's demo mails, which copy a guest: withholds and redacts, releases, and the downloads hold none of it.</summary>
public class ReviewTests : PortalSession
{
    private const string Officer = "olga.officer@example.com";
    private const string Password = "Staff-Pass-2026!";
    private const string Guest = "tom.berg@example.org";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Review:Required:Staff"] = "true",
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task AnOfficerWithholdsAndRedacts_Releases_AndTheDownloadsHoldNothingWithheld()
    {
        await Portal.CreateStaffAsync(Officer, Password, PortalRoles.Officer);
        await Page.GotoAsync("/requests");
        await SignInAsync(Officer, Password);
        await WaitUntilInteractiveAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await Page.GetByLabel("Email address").FillAsync("jane.doe@example.com");
        await Page.GetByLabel("How the subject's identity was verified").FillAsync("Replied from the address on file");
        await Page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        await Page.Locator(".request-row", new() { HasText = "jane.doe@example.com" }).Locator("a.request-link").ClickAsync();
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("In review");
        var id = (await Page.Locator("h1 .request-id").TextContentAsync())!.Trim();
        await Page.Locator("[data-testid=open-review]").ClickAsync();

        // The hint points at the guest; following it searches for the address.
        await Expect(Page.Locator("[data-testid=review-categories]")).ToContainTextAsync(Guest);
        await WaitUntilInteractiveAsync();
        await Browser.ScreenshotAsync(Page, "60-review-hints");
        var hinted = Page.Locator("[data-testid^=hint-]", new() { HasText = Guest });
        var categories = new List<string>();
        for (var i = 0; i < await hinted.CountAsync(); i++)
        {
            categories.Add((await hinted.Nth(i).GetAttributeAsync("data-testid"))!["hint-".Length..]);
        }

        Assert.NotEmpty(categories);
        foreach (var category in categories)
        {
            // Following the hint searches the category for the address; every mail copying the guest is withheld.
            await Page.Locator($"[data-testid=hint-{category}] .mud-chip", new() { HasText = Guest }).ClickAsync();
            await Expect(Page.Locator("[data-testid=review-matching]")).ToContainTextAsync(Guest);
            await Page.Locator("[data-testid=bulk-withhold]").ClickAsync();
            await Page.GetByRole(AriaRole.Button, new() { Name = "Yes" }).ClickAsync();
            await Expect(Page.Locator("[data-testid=review-categories] li", new() { Has = Page.Locator($"[data-testid=category-{category}]") })).ToContainTextAsync("withheld");
        }

        // And one value redacted by hand: the first field of the first category's first record.
        await Page.Locator("[data-testid=category-0]").ClickAsync();
        await Page.Locator("[data-testid=record-0] [data-testid=redact-field]").First.ClickAsync();
        await Expect(Page.Locator("[data-testid=record-0]")).ToContainTextAsync("Redacted: Third-party data");
        await Browser.ScreenshotAsync(Page, "61-review-withheld");

        await Page.Locator("[data-testid=release]").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Release", Exact = true }).ClickAsync();
        await Expect(Page.Locator("[data-testid=review-state]")).ToHaveTextAsync("Completed");

        await Page.GotoAsync($"/requests/{id}");
        var json = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=download-json]").ClickAsync());
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await json.PathAsync())!));
        var pdf = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("[data-testid=download-pdf]").ClickAsync());
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString((await File.ReadAllBytesAsync((await pdf.PathAsync())!))[..5]));

        Assert.DoesNotContain(Guest, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[withheld: third-party data]", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        var withheld = document.RootElement.GetProperty("meta").GetProperty("withheld").EnumerateArray().ToList();
        Assert.NotEmpty(withheld);
        Assert.All(withheld, w => Assert.Equal("Third-party data (Art. 15(4) GDPR)", w.GetProperty("reason").GetString()));
        await Browser.ScreenshotAsync(Page, "62-review-released");
    }
}
