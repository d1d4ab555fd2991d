using System.Globalization;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Tests.TestSupport;
using UglyToad.PdfPig;
using static DataRequestPortal.Core.Tests.TestSupport.ReportFixtures;

namespace DataRequestPortal.Core.Tests.Export;

public class PdfReportRendererTests
{
    private static readonly FakeSource Shop = new("shop", "order", "visit");

    [Fact]
    public async Task RenderAsync_Records_EveryFieldValueIsInTheText()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(40))), sources: Shop.Description);

        var text = Compact(PageTexts(pdf));
        for (var i = 1; i <= 40; i++)
        {
            Assert.Contains(Compact($"Walking boots size {i}"), text);
            Assert.Contains(Compact($"Keizersgracht {i}"), text);
            Assert.Contains($"batch-{i}", text);
            Assert.Contains($"Record{i}of40", text);
        }

        Assert.Contains("address.city", text);
        Assert.Contains("tags[1]", text);
    }

    [Fact]
    public async Task RenderAsync_EveryPage_SaysPageXOfY_WithTheRightTotal()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(120))), sources: Shop.Description);

        using var document = PdfDocument.Open(pdf);
        var total = document.NumberOfPages;
        Assert.True(total > 10, $"{total} pages");
        foreach (var page in document.GetPages())
        {
            var words = string.Join(' ', page.GetWords().Select(w => w.Text));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"Page {page.Number} of {total}"), words);
            Assert.Contains($"Request {RequestId}", words);
        }
    }

    [Fact]
    public async Task RenderAsync_Cover_ShowsTheRequestAndTheSha256OfTheJson()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(1))), sources: Shop.Description);

        var cover = PageTexts(pdf)[0];
        Assert.Contains(Request.Sha256!, cover);
        Assert.Contains(RequestId.ToString(CultureInfo.InvariantCulture), cover);
        Assert.Contains("Example Shop", cover);
        Assert.Contains("jane@example.com", cover);
        Assert.Contains("1 April 2026", cover);
        Assert.Contains("2 March 2026, 09:00", cover);
    }

    [Fact]
    public async Task RenderAsync_Outline_HasOneEntryPerCategory_PointingAtItsSection()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(30)), ("shop", "visit", []), ("crm", "note", [Record("note", new { text = "Called about delivery" })])), sources: Shop.Description);

        using var document = PdfDocument.Open(pdf);
        Assert.True(document.TryGetBookmarks(out var bookmarks));
        var data = Assert.Single(bookmarks.Roots, b => b.Title == "Personal data");
        Assert.Equal(["1. Order", "2. Visit", "3. Note"], data.Children.Select(c => c.Title));
        foreach (var category in data.Children.OfType<UglyToad.PdfPig.Outline.DocumentBookmarkNode>())
        {
            Assert.Contains(category.Title, string.Join(' ', document.GetPage(category.PageNumber).GetWords().Select(w => w.Text)));
        }
    }

    [Fact]
    public async Task RenderAsync_Contents_ListsEachSectionWithItsPage()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(30)), ("shop", "visit", [])), sources: Shop.Description);

        var pages = PageTexts(pdf);
        var contents = pages.Single(p => p.Contains("Contents", StringComparison.Ordinal) && p.Contains("1. Order", StringComparison.Ordinal));
        var visitPage = pages.ToList().FindIndex(p => p.Contains("2. Visit There are", StringComparison.Ordinal) || p.Contains("2. Visit shop", StringComparison.Ordinal)) + 1;
        Assert.True(visitPage > 1);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"2. Visit {visitPage}"), contents);
    }

    [Fact]
    public async Task RenderAsync_Statement_ShowsEachSourcesFactsAndTheSubjectsRights()
    {
        var crm = new FakeSource("crm", "note");
        crm.Description.Facts.Purposes.Add("Answering your questions");
        crm.Description.Facts.Retention = "Two years after the last contact";
        var organisation = new OrganisationOptions { Name = "Example Shop", SupervisoryAuthority = { Name = "Autoriteit Persoonsgegevens", Url = "https://autoriteitpersoonsgegevens.nl" } };
        using var json = new MemoryStream(Result(("crm", "note", [Record("note", new { text = "Hello" })])));
        using var pdf = new MemoryStream();

        await new PdfReportRenderer(organisation, [crm.Description], TimeZoneInfo.Utc, PdfReportRenderer.DefaultLogo())
            .RenderAsync(Request, json, Generated, pdf, CancellationToken.None);

        var text = string.Join(' ', PageTexts(pdf.ToArray()));
        Assert.Contains("Answering your questions", text);
        Assert.Contains("Two years after the last contact", text);
        foreach (var right in new[] { "Rectification (Art. 16)", "Erasure (Art. 17)", "Restriction (Art. 18)", "Objection (Art. 21)", "Complaint (Art. 77)" })
        {
            Assert.Contains(right, text);
        }

        Assert.Contains("Autoriteit Persoonsgegevens", text);
        Assert.Contains("https://autoriteitpersoonsgegevens.nl", text);
    }

    [Fact]
    public async Task RenderAsync_WhereWeLooked_ListsEverySourceWithItsOutcome()
    {
        var result = System.Text.Encoding.UTF8.GetString(Result(("shop", "order", Orders(2))));
        var sources = """
            "sources":[{"source":"shop","title":"Web shop","outcome":"found","records":2,"attempts":2},
            {"source":"loyalty","title":"Loyalty programme","outcome":"not-applicable","records":0,"attempts":0},
            {"source":"archive","title":"Paper archive","outcome":"nothing-found","records":0,"attempts":1,"manual":true,"by":"Olga Officer","note":"Both cabinets checked"}]
            """;
        var withSources = System.Text.Encoding.UTF8.GetBytes(result[..^2] + "," + sources + "}}");

        var pdf = await RenderAsync(withSources, sources: Shop.Description);

        var text = Compact(PageTexts(pdf));
        Assert.Contains(Compact("Where we looked"), text);
        Assert.Contains(Compact("Web shop Searched: 2 records found. The search failed 1 time first and succeeded when retried."), text);
        Assert.Contains(Compact("Loyalty programme Not searched: this system holds no data about subjects identified this way."), text);
        Assert.Contains(Compact("Paper archive Searched by hand by Olga Officer, who attested that nothing was found. Note: Both cabinets checked"), text);
    }

    [Fact]
    public async Task RenderAsync_VeryLongOrganisationName_IsShortenedInTheHeader_BesideTheRequestId()
    {
        var organisation = new OrganisationOptions { Name = string.Join(' ', Enumerable.Repeat("Stichting Gezamenlijke Administratie", 8)) };
        using var json = new MemoryStream(Result(("shop", "order", Orders(1))));
        using var pdf = new MemoryStream();

        await new PdfReportRenderer(organisation, [Shop.Description], TimeZoneInfo.Utc, PdfReportRenderer.DefaultLogo())
            .RenderAsync(Request, json, Generated, pdf, CancellationToken.None);

        using var document = PdfDocument.Open(pdf.ToArray());
        var header = document.GetPage(2).Letters.Where(l => l.StartBaseLine.Y > 780).ToList();
        Assert.Contains("…", string.Concat(header.Select(l => l.Value)));
        Assert.Contains($"Request{RequestId}", Compact(string.Concat(header.Select(l => l.Value))));
        var ellipsis = header.Single(l => l.Value == "…");
        var request = header.First(l => l.Value == "R" && l.StartBaseLine.X > ellipsis.StartBaseLine.X);
        Assert.True(ellipsis.EndBaseLine.X < request.StartBaseLine.X - 10, "the name runs into the request id");
    }

    [Fact]
    public async Task RenderAsync_Metadata_NamesTheReportTheSubjectAndTheProducer()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(1))), sources: Shop.Description);

        using var document = PdfDocument.Open(pdf);
        Assert.Equal($"Personal data report, request {RequestId}", document.Information.Title);
        Assert.Equal("GDPR Art. 15 access request for email jane@example.com", document.Information.Subject);
        Assert.Equal("Example Shop", document.Information.Author);
        Assert.Equal(PdfReportRenderer.Producer, document.Information.Creator);
        Assert.False(string.IsNullOrEmpty(document.Information.Producer));
    }

    [Fact]
    public async Task RenderAsync_LongUnbrokenString_IsWrappedByCharacters_AndKeptWhole()
    {
        var token = string.Concat(Enumerable.Range(0, 400).Select(i => (char)('a' + (i % 26))));
        var pdf = await RenderAsync(Result(("shop", "order", [Record("order", new { token })])), sources: Shop.Description);

        using var document = PdfDocument.Open(pdf);
        var letters = document.GetPages().SelectMany(p => p.Letters).Where(l => l.Value.Length == 1 && char.IsAsciiLetterLower(l.Value[0])).ToList();
        Assert.All(letters, l => Assert.True(l.BoundingBox.Right <= 595.28 - 60, $"'{l.Value}' at {l.BoundingBox.Right} runs past the margin"));
        var text = Compact(PageTexts(pdf));
        Assert.Contains(token, text);
    }

    [Fact]
    public async Task RenderAsync_ControlCharactersAndDirectionOverrides_AreShownAsCodePoints()
    {
        var pdf = await RenderAsync(Result(("shop", "order", [Record("order", new { note = "bell\u0007null\u0000escape\u001Bflip\u202Eend" })])), sources: Shop.Description);

        var text = Compact(PageTexts(pdf));
        Assert.Contains("bell[U+0007]null[U+0000]escape[U+001B]flip[U+202E]end", text);
    }

    [Fact]
    public async Task RenderAsync_CharactersNeitherTypefaceHas_AreShownAsCodePoints_OthersAsThemselves()
    {
        var pdf = await RenderAsync(Result(("shop", "order", [Record("order", new { note = "Thanks 😀 Ελληνικά Кириллица ∑ 🧐 日本" })])), sources: Shop.Description);

        var text = Compact(PageTexts(pdf));
        Assert.Contains("Thanks[U+1F600]ΕλληνικάКириллица∑[U+1F9D0][U+65E5][U+672C]", text);
    }

    [Fact]
    public async Task RenderAsync_RightToLeftText_IsSetFromRightToLeft_ArabicJoined()
    {
        var record = Record("order", new { name = "שלום עולם", city = "القاهرة", mixed = "Order 12 for דוד כהן", address = "דירה 12 בתל אביב" });
        var pdf = await RenderAsync(Result(("shop", "order", [record])), sources: Shop.Description);

        // Letters come out in the order they stand on the page, left to right.
        var onPage = CompactValues(pdf);
        Assert.Contains("םלועםולש", onPage);
        Assert.Contains("Order12forןהכדוד", onPage);
        Assert.Contains("ביבאלתב12הריד", onPage);
        Assert.Contains("ﺓﺮﻫﺎﻘﻟﺍ", onPage);
        Assert.Contains("القاهرة", new string([.. onPage.Normalize(System.Text.NormalizationForm.FormKC).Reverse()]));
    }

    [Fact]
    public async Task RenderAsync_EmptyCategoryBesideRecords_GetsASectionSayingSo()
    {
        var pdf = await RenderAsync(Result(("shop", "order", Orders(1)), ("shop", "visit", [])), sources: Shop.Description);

        var text = string.Join(' ', PageTexts(pdf));
        Assert.Equal(1, text.Split("There are no records in this category.").Length - 1);
        Assert.Contains("1 record in 2 categories", text);
    }

    [Fact]
    public async Task RenderAsync_NoRecordsInAnySource_IsShortAndSaysSoPlainly()
    {
        var crm = new FakeSource("crm", "note");
        var empty = System.Text.Encoding.UTF8.GetString(Result(("shop", "order", []), ("shop", "visit", []), ("crm", "note", [])));
        var sources = """
            "sources":[{"source":"shop","title":"Web shop","outcome":"nothing-found","records":0,"attempts":1},
            {"source":"crm","title":"Customer service","outcome":"nothing-found","records":0,"attempts":1}]
            """;
        var result = System.Text.Encoding.UTF8.GetBytes(empty[..^2] + "," + sources + "}}");

        var pdf = await RenderAsync(result, sources: [Shop.Description, crm.Description]);

        var pages = PageTexts(pdf);
        Assert.InRange(pages.Count, 2, 4);
        var text = string.Join(' ', pages);
        Assert.Contains("No personal data: nothing was found in any source", pages[0]);
        Assert.Contains("We hold no personal data about this address.", text);
        Assert.Contains(Compact("Where we looked"), Compact(pages));
        Assert.Contains(Compact("Customer service Searched: nothing found."), Compact(pages));
        Assert.Contains("Complaint (Art. 77)", text);
        Assert.DoesNotContain("There are no records in this category", text);
        Assert.DoesNotContain("What we hold and why", text);
        Assert.DoesNotContain("Contents", text);
    }

    [Fact]
    public async Task RenderAsync_HtmlMimeAndBinaryValues_AreShownAsAPersonReadsThem()
    {
        var html = "<html><head><style>p{color:red}</style></head><body><p>Dear Jane,</p><p>Your order &amp; invoice.</p><script>alert(1)</script></body></html>";
        var content = Enumerable.Range(0, 600).Select(i => (byte)i).ToArray();
        var mime = string.Join("\r\n",
            "From: Shop <shop@example.com>", "To: jane@example.com", "Subject: Your invoice", "Date: Sun, 01 Mar 2026 10:00:00 +0000",
            "Message-ID: <1@example.com>", "MIME-Version: 1.0", "Content-Type: multipart/mixed; boundary=\"b\"", "",
            "--b", "Content-Type: text/plain; charset=utf-8", "", "Here is your invoice.", "",
            "--b", "Content-Type: application/pdf; name=\"invoice.pdf\"", "Content-Disposition: attachment; filename=\"invoice.pdf\"", "Content-Transfer-Encoding: base64", "",
            Convert.ToBase64String(content), "--b--", "");
        var record = Record("message", new { html, mime, content = Convert.ToBase64String(content) });

        var text = string.Join(' ', PageTexts(await RenderAsync(Result(("shop", "order", [record])), sources: Shop.Description)));

        Assert.Contains("Dear Jane, Your order & invoice.", text);
        Assert.DoesNotContain("alert", text);
        Assert.DoesNotContain("color:red", text);
        Assert.Contains("mime · Subject Your invoice", text);
        Assert.Contains("mime · Text Here is your invoice.", text);
        Assert.Contains("invoice.pdf", text);
        var sha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content));
        Assert.Contains($"Type application/pdf, 600 bytes SHA-256 {sha}", text);
        Assert.Contains($"Binary content, 600 bytes, SHA-256 {sha}", text);
    }

    [Fact]
    public async Task RenderAsync_100000Records_RendersEveryOne()
    {
        var visits = Enumerable.Range(1, 100_000).Select(i => $"{{\"type\":\"visit\",\"id\":{i}}}");
        using var json = new MemoryStream(Result(("shop", "visit", visits)));
        var file = Path.Combine(Path.GetTempPath(), $"drp-report-{Guid.NewGuid():N}.pdf");
        try
        {
            int pages;
            await using (var pdf = File.Create(file))
            {
                pages = await Renderer(Shop.Description).RenderAsync(Request, json, Generated, pdf, CancellationToken.None);
            }

            using var document = PdfDocument.Open(file);
            Assert.Equal(pages, document.NumberOfPages);
            var last = string.Join(' ', document.GetPage(pages).GetWords().Select(w => w.Text));
            Assert.Contains("Record 100,000 of 100,000", last);
            Assert.Contains("100000", last);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static IEnumerable<string> Orders(int count) => Enumerable.Range(1, count).Select(i => Record("order", new
    {
        id = i,
        product = $"Walking boots size {i}",
        total = 100 + i,
        address = new { street = $"Keizersgracht {i}", city = "Amsterdam" },
        tags = new[] { "gift", $"batch-{i}" },
    }));
}
