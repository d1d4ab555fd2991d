using System.Globalization;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// Jane Doe asks for her data; an officer reviews her demo mails, which copy a guest: withholds and redacts, releases,
/// and what Jane downloads holds none of it, with the PDF saying what was held back and why.
/// </summary>
public class ReviewTests : PortalSession
{
    private const string Officer = "olga.officer@example.com";
    private const string Password = "Staff-Pass-2026!";
    private const string Guest = "tom.berg@example.org";
    private const string Jane = "jane.doe@example.com";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Review:Required:SelfService"] = "true",
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task AnOfficerWithholdsAndRedacts_Releases_AndTheSubjectsDownloadsHoldNothingWithheld()
    {
        // Jane asks on her own pages, in a browser of her own, and sees her request wait for the check.
        var jane = await NewBrowserPageAsync();
        var id = await SubjectPages.EnterCodeAsync(jane, await SubjectPages.AskForCodeAsync(Portal, jane, Jane));
        var mine = jane.Locator($"[data-testid=subject-request-{id}]");
        await Expect(mine.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.InReview), new() { Timeout = Patience });
        await Expect(mine.Locator("[data-testid=subject-download-json]")).ToHaveCountAsync(0);
        Assert.NotEqual(200, (await jane.APIRequest.GetAsync(Download(id, "json"), new() { MaxRedirects = 0 })).Status);

        await Portal.CreateStaffAsync(Officer, Password, PortalRoles.Officer);
        await Page.GotoAsync("/requests");
        await SignInAsync(Officer, Password);
        await Page.GotoAsync($"/requests/{id.ToString(CultureInfo.InvariantCulture)}");
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("[data-testid=detail-state]")).ToHaveTextAsync("In review");
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
            // The records shown are this category's before anything is decided: decisions apply to what is on screen.
            await Expect(Page.Locator($"[data-testid=review-matching][data-category='{category}']")).ToContainTextAsync(Guest);
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

        // Jane's page moves by itself; what she downloads is the released document.
        await Expect(mine.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Completed), new() { Timeout = Patience });
        var json = await jane.RunAndWaitForDownloadAsync(() => mine.Locator("[data-testid=subject-download-json]").ClickAsync());
        var text = Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await json.PathAsync())!));
        Assert.DoesNotContain(Guest, text, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("[withheld: third-party data]", text, StringComparison.Ordinal);
        using (var document = JsonDocument.Parse(text))
        {
            var withheld = document.RootElement.GetProperty("meta").GetProperty("withheld").EnumerateArray().ToList();
            Assert.NotEmpty(withheld);
            Assert.All(withheld, w => Assert.Equal("Third-party data (Art. 15(4) GDPR)", w.GetProperty("reason").GetString()));
        }

        var pdf = await jane.APIRequest.GetAsync(Download(id, "pdf"));
        Assert.Equal(200, pdf.Status);
        using (var read = PdfDocument.Open(await pdf.BodyAsync()))
        {
            var words = string.Join(" ", read.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("What we did not give you and why", words, StringComparison.Ordinal);
            Assert.Contains("Third-party data", words, StringComparison.Ordinal);
            Assert.DoesNotContain(Guest, words, StringComparison.OrdinalIgnoreCase);
        }

        await Browser.ScreenshotAsync(jane, "62-review-released-subject");
    }

    private string Download(long id, string format) => new Uri(Portal.BaseAddress, $"/my-data/requests/{id}/download/{format}").AbsoluteUri;
}
