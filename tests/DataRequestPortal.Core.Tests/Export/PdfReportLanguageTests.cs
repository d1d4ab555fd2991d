using System.Globalization;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Tests.TestSupport;
using UglyToad.PdfPig;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

/// <summary>The report is written in the request's stored language: headings, labels, fixed statements, rights and footer.</summary>
public class PdfReportLanguageTests
{
    private static readonly FakeSource Shop = new("shop", "order");

    [Theory]
    [InlineData("en", "Your personal data", "Your rights", "Erasure (Art. 17)", "Page 1 of", "1 April 2026", "Record 1 of 2", "under the GDPR")]
    [InlineData("nl", "Uw persoonsgegevens", "Uw rechten", "Gegevenswissing (art. 17)", "Pagina 1 van", "1 april 2026", "Record 1 van 2", "volgens de AVG")]
    [InlineData("de", "Ihre personenbezogenen Daten", "Ihre Rechte", "Löschung (Art. 17)", "Seite 1 von", "1. April 2026", "Datensatz 1 von 2", "gemäß DSGVO")]
    [InlineData("fr", "Vos données personnelles", "Vos droits", "Effacement (art. 17)", "Page 1 sur", "1 avril 2026", "Enregistrement 1 sur 2", "selon le RGPD")]
    public async Task RenderAsync_StoredLanguage_TheFixedTextIsInIt(string language, string title, string rights, string erasure, string footer, string due, string band, string law)
    {
        var pdf = await InCulture("en-US", () => RenderAsync(
            Result(("shop", "order", [Record("order", new { item = "Walking boots" }), Record("order", new { item = "Socks" })])),
            Request with { Language = language },
            Shop.Description));

        var pages = PageTexts(pdf);
        var all = string.Join(' ', pages);
        Assert.Contains(title, pages[0], StringComparison.Ordinal);
        Assert.Contains(due, pages[0], StringComparison.Ordinal);
        Assert.Contains(Compact(law), Compact(pages[0]), StringComparison.Ordinal);
        Assert.Contains(Compact(rights), Compact(all), StringComparison.Ordinal);
        Assert.Contains(Compact(erasure), Compact(all), StringComparison.Ordinal);
        Assert.Contains(footer, pages[0], StringComparison.Ordinal);
        Assert.Contains(Compact(band), Compact(all), StringComparison.Ordinal);

        // Data values are never translated.
        Assert.Contains("Walking boots", all, StringComparison.Ordinal);
        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var data = SubjectResources.In(CultureInfo.GetCultureInfo(language), "PdfOutlineData");
        Assert.Contains(bookmarks.Roots, b => b.Title == data);
    }

    [Fact]
    public async Task RenderAsync_NoStoredLanguage_IsInTheDefaultLanguage_NotTheThreads()
    {
        var pdf = await InCulture("de-DE", () => RenderAsync(Result(("shop", "order", [Record("order", new { item = "Walking boots" })])), sources: Shop.Description));

        var cover = PageTexts(pdf)[0];
        Assert.Contains("Your personal data", cover, StringComparison.Ordinal);
        Assert.DoesNotContain("Ihre", cover, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_NothingFound_InDutch_SaysSoInDutch()
    {
        var pdf = await RenderAsync(Result(("shop", "order", [])), Request with { Language = "nl" }, Shop.Description);

        var text = Compact(string.Join(' ', PageTexts(pdf)));
        Assert.Contains(Compact("Geen persoonsgegevens: in geen enkele bron is iets gevonden"), text, StringComparison.Ordinal);
        Assert.Contains(Compact("Wij hebben geen persoonsgegevens over dit adres."), text, StringComparison.Ordinal);
    }

    private static async Task<T> InCulture<T>(string culture, Func<Task<T>> action)
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            return await action();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = before;
        }
    }
}
