using System.Globalization;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using UglyToad.PdfPig;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// A subject whose browser prefers Dutch goes through the whole flow in Dutch — pages, emails and the PDF — then
/// switches to German by keyboard on the requests page, and every page after that is German.
/// </summary>
public partial class LanguageTests : PortalSession
{
    private const string Anna = "anna.de.vries@example.com";
    private static readonly CultureInfo Dutch = CultureInfo.GetCultureInfo("nl");
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de");
    private readonly GatedRecordServer records = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task ABrowserPreferringDutch_GetsTheFlowEmailsAndPdfInDutch_AndCanSwitchToGerman()
    {
        var page = await NewBrowserPageAsync(locale: "nl-NL");

        await page.GotoAsync("/my-data");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = In(Dutch, "StartTitle"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("recht van inzage", new() { Exact = false })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "70-self-service-dutch-start");

        await page.GetByLabel(In(Dutch, "EmailLabel"), new() { Exact = true }).FillAsync(Anna);
        await page.GetByRole(AriaRole.Button, new() { Name = In(Dutch, "SendCodeButton"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/my-data/verify$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = In(Dutch, "VerifyTitle"), Exact = true })).ToBeVisibleAsync();
        var code = await Portal.ReadCodeMailAsync(Anna);
        Assert.Contains("is uw code voor", code.Subject, StringComparison.Ordinal);

        await page.GetByLabel(In(Dutch, "CodeLabel"), new() { Exact = true }).FillAsync(code.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = In(Dutch, "VerifyButton"), Exact = true }).ClickAsync();
        await page.WaitForURLAsync(FiledUrl());
        var id = long.Parse(FiledUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = In(Dutch, "RequestsTitle"), Level = 1 })).ToBeVisibleAsync();
        var request = page.Locator($"[data-testid=subject-request-{id}]");
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(In(Dutch, "StateCollecting"));
        var receipt = await Portal.WaitForMailAsync(Anna, m => m.RequestId == Id(id));
        Assert.Contains("heeft uw verzoek om inzage in uw persoonsgegevens ontvangen", receipt.Subject, StringComparison.Ordinal);
        Assert.Contains($"Het nummer is {id}.", receipt.Text, StringComparison.Ordinal);

        // The live page moves on in Dutch: its circuit reads the language the browser was given.
        records.Open(Anna);
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(In(Dutch, "StateCompleted"));
        await Expect(request.Locator("[data-testid=subject-download-pdf]")).ToHaveTextAsync(In(Dutch, "DownloadPdf"));
        await Browser.ScreenshotAsync(page, "71-self-service-dutch-ready");
        var ready = await Portal.WaitForMailAsync(Anna, m => m.RequestId == Id(id) && m.Text.Contains($"Uw verzoek {id} is afgerond.", StringComparison.Ordinal));
        Assert.StartsWith("Uw gegevens van ", ready.Subject, StringComparison.Ordinal);

        var pdf = await page.APIRequest.GetAsync(new Uri(Portal.BaseAddress, $"/my-data/requests/{id}/download/pdf").AbsoluteUri);
        Assert.Equal(200, pdf.Status);
        var pdfBytes = await pdf.BodyAsync();
        await File.WriteAllBytesAsync(Path.Combine(Browser.ScreenshotDirectory, "72-self-service-dutch.pdf"), pdfBytes);
        using (var document = PdfDocument.Open(pdfBytes))
        {
            var text = string.Join(' ', document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text))));
            Assert.Contains("Uw persoonsgegevens", text, StringComparison.Ordinal);
            Assert.Contains("Uw rechten", text, StringComparison.Ordinal);
            Assert.Contains($"Pagina 1 van {document.NumberOfPages}", text, StringComparison.Ordinal);
        }

        // Switching by keyboard: the German button is reached with Tab and pressed with Enter.
        var german = page.GetByRole(AriaRole.Button, new() { Name = "Deutsch", Exact = true });
        await german.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = In(German, "RequestsTitle"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(In(German, "StateCompleted"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deutsch", Exact = true })).ToHaveAttributeAsync("aria-current", "true");
        await Browser.ScreenshotAsync(page, "73-self-service-german-requests");

        await page.GetByRole(AriaRole.Button, new() { Name = In(German, "SignOut"), Exact = true }).ClickAsync();
        await Expect(page.GetByText(In(German, "SignedOut"))).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = In(German, "StartTitle"), Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Auskunftsrecht", new() { Exact = false })).ToBeVisibleAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }

    private static string In(CultureInfo culture, string key) => SubjectResources.In(culture, key);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"/my-data/requests\?filed=(?<id>\d+)$")]
    private static partial Regex FiledUrl();
}
