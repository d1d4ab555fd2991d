using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DataRequestPortal.Core.Export;

/// <summary>What the report says about the request itself, besides the result document's content.</summary>
public sealed record ReportRequest(
    long Id,
    Subject Subject,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    DateTimeOffset? CompletedAt,
    string? Sha256,
    Regime Regime = Regime.Gdpr,
    int DaysLate = 0,
    string? Language = null)
{
    public static ReportRequest Of(DataRequest request, ComplianceClock? clock = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.Subject, request.ReceivedAt, request.DueDate, request.CompletedAt, request.Result?.Sha256,
            request.Regime, clock is null ? 0 : request.DaysLate(clock), request.Language);
    }
}

/// <summary>
/// Renders a result document as a PDF a person can read and file: a cover tying it to the request and the JSON's
/// SHA-256, the Art. 15(1) statement for every source, the subject's rights, contents, and one section per category
/// with every record as a table of its fields; a result with no records at all gets the cover, the plain statement
/// that nothing was found, where we looked and the rights. The JSON is read twice from its stream — first for the categories at
/// its end, then record by record — so only one record is in memory at a time.
/// </summary>
public sealed class PdfReportRenderer(OrganisationOptions organisation, IReadOnlyList<SourceDescription> sources, TimeZoneInfo zone, byte[] logo)
{
    public const string Producer = "DataRequestPortal";

    private const double NameColumn = 150;
    private const double CellPadding = 4;

    /// <summary>Narrower on the cover, so the 64 hex digits of the SHA-256 stay on one line, to be read and searched whole.</summary>
    private const double CoverNameColumn = 120;

    private readonly OrganisationOptions organisation = organisation;
    private readonly IReadOnlyList<SourceDescription> sources = sources;
    private readonly byte[] logo = logo;

    /// <summary>The portal's own logo (<c>wwwroot-assets/img/logo.png</c>), for organisations that configure none.</summary>
    public static byte[] DefaultLogo() => ReportFonts.Resource("logo.png");

    /// <summary>Writes the PDF of <paramref name="json"/> (seekable) to <paramref name="pdf"/>; returns the number of pages.</summary>
    public async Task<int> RenderAsync(ReportRequest request, Stream json, DateTimeOffset generatedAt, Stream pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(pdf);
        ReportFonts.Register();

        var summary = await ResultCategories.ReadSummaryAsync(json, cancellationToken);
        var categories = summary.Categories;
        json.Position = 0;

        // Written in the request's language, whatever the culture of the thread that asked for it.
        using var language = SubjectLanguages.Use(SubjectLanguages.CultureFor(request.Language, organisation));
        var localOrganisation = organisation.In(SubjectTexts.Language);
        using var document = new PdfDocument();
        document.Info.Title = SubjectTexts.Format("PdfDocumentTitle", request.Id);
        document.Info.Subject = SubjectTexts.Format("PdfDocumentSubject", SubjectTexts.LawName(request.Regime), $"{request.Subject.Type.ToWireName()} {request.Subject.Identifier}");
        document.Info.Author = localOrganisation.Name;
        document.Info.Creator = Producer;
        document.Info.CreationDate = generatedAt.UtcDateTime;
        document.Options.CompressContentStreams = true;

        // Nothing held anywhere (and nothing held back): the answer is that plain fact, not pages of empty sections.
        var nothingFound = categories.All(c => c.Records == 0) && (summary.Withheld ?? []).All(w => w.Records == 0 && w.Fields == 0);
        using (var pages = new ReportPages(document))
        {
            var report = new Composition(this, localOrganisation, pages, request, categories, generatedAt);
            report.Cover(nothingFound);
            if (nothingFound)
            {
                report.NothingFound(summary.Searches.Count > 0);
                report.WhereWeLooked(summary.Searches);
                report.Rights();
            }
            else
            {
                report.Statement();
                report.WhereWeLooked(summary.Searches);
                report.Withheld(summary.Withheld);
                var contents = report.ReserveContents();
                await report.SectionsAsync(json, cancellationToken);
                report.Contents(contents);
            }

            report.Outline();
            report.HeadersAndFooters();
        }

        var pageCount = document.PageCount;
        document.Save(pdf, closeStream: false);
        return pageCount;
    }

    private string Instant(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString(SubjectTexts.Text("FormatDateAndTime"), CultureInfo.CurrentCulture) + $" ({zone.Id})";

    private static string Day(DateOnly day) => day.ToString(SubjectTexts.Text("FormatDate"), CultureInfo.CurrentCulture);

    /// <summary>
    /// A logo decoded once per process: decoding the PNG cost more than the rest of a short report's cover. PDFsharp
    /// copies the pixels into each document as the image is drawn, which one render at a time may do.
    /// </summary>
    private sealed class DecodedLogo
    {
        private static readonly ConditionalWeakTable<byte[], DecodedLogo> Decoded = new();

        private DecodedLogo(byte[] png) => Image = XImage.FromStream(new MemoryStream(png, writable: false));

        public XImage Image { get; }

        public Lock Gate { get; } = new();

        public static DecodedLogo Of(byte[] png) => Decoded.GetValue(png, bytes => new DecodedLogo(bytes));
    }

    /// <summary>One report being laid out: the pages, and where each part landed for the contents and the outline.</summary>
    private sealed class Composition(
        PdfReportRenderer renderer, OrganisationOptions organisation, ReportPages pages, ReportRequest request, IReadOnlyList<ResultCategory> categories, DateTimeOffset generatedAt)
    {
        private readonly List<(string Title, int Page, bool IsCategory)> entries = [];

        public void Cover(bool nothingFound)
        {
            pages.NewPage();
            var g = pages.Graphics;
            var logo = DecodedLogo.Of(renderer.logo);
            lock (logo.Gate)
            {
                g.DrawImage(logo.Image, ReportPages.Left, 64, 46, 46);
            }

            pages.Text(organisation.Name, pages.Subheading, ReportPages.Ink, ReportPages.Left + 58, 70);
            pages.Text(T("PdfCoverKicker"), pages.Small, ReportPages.Muted, ReportPages.Left + 58, 90);

            pages.Y = 190;
            pages.Paragraph(T("PdfCoverTitle"), pages.Title, ReportPages.Accent, after: 2);
            pages.Paragraph(LawLine(request.Regime), pages.Subheading, ReportPages.Muted, after: 26);

            var subject = request.Subject;
            var total = categories.Sum(c => c.Records);
            Table(
            [
                new(T("PdfOrganisation"), organisation.Name),
                new(T("PdfDataSubject"), $"{SubjectLabel(subject.Type)} {subject.Identifier}"),
                new(T("PdfRequest"), request.Id.ToString(CultureInfo.InvariantCulture)),
                new(T("PdfReceived"), renderer.Instant(request.ReceivedAt)),
                new(T("PdfDueDate"), F("PdfDueDateValue", Day(request.DueDate), SubjectTexts.Period(request.Regime), SubjectTexts.LawName(request.Regime))),
                new(T("PdfCompleted"), request.CompletedAt is { } completed ? renderer.Instant(completed) + Late(request.DaysLate) : T("PdfNotCompleted")),
                new(T("PdfGenerated"), renderer.Instant(generatedAt)),
                new(T("PdfContent"), nothingFound
                    ? T("PdfContentNothing")
                    : F("PdfContentCounts", total == 1 ? T("PdfOneRecord") : F("PdfRecords", total.ToString("N0", CultureInfo.CurrentCulture)), categories.Count, SourcesOf().Count)),
                new(T("PdfSha256"), request.Sha256 ?? T("PdfNotRecorded")),
            ],
            CoverNameColumn);

            pages.Y += 14;
            if (nothingFound)
            {
                pages.Paragraph(
                    T("PdfCoverNothing"),
                    pages.Body,
                    ReportPages.Ink);
                return;
            }

            pages.Paragraph(
                T("PdfCoverLead"),
                pages.Body,
                ReportPages.Ink);
        }

        private static string LawLine(Regime regime) => regime == Regime.Ccpa
            ? T("PdfLawCcpa")
            : regime == Regime.UkGdpr ? T("PdfLawUkGdpr") : T("PdfLawGdpr");

        // Completed after the due date: said on the cover, never left out.
        private static string Late(int days) => days switch
        {
            <= 0 => "",
            1 => " — " + T("PdfLateOneDay"),
            _ => " — " + F("PdfLateDays", days),
        };

        public void Statement()
        {
            pages.NewPage();
            entries.Add((T("PdfStatementTitle"), pages.PageNumber, false));
            Heading(T("PdfStatementTitle"));
            pages.Paragraph(
                T("PdfStatementLead"),
                pages.Body,
                ReportPages.Muted,
                after: 12);

            foreach (var key in SourcesOf())
            {
                var description = renderer.sources.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
                pages.Need(pages.Subheading.LineHeight + (pages.Body.LineHeight * 4));
                pages.Paragraph(description?.Title ?? key, pages.Subheading, ReportPages.Ink, after: 4);
                if (description is null)
                {
                    pages.Paragraph(T("PdfNoDescription"), pages.Body, ReportPages.Muted, after: 14);
                    continue;
                }

                var facts = description.Facts.In(SubjectTexts.Language);
                var found = categories.Where(c => c.Source == key).Select(c => c.Name).ToList();
                var described = description.Categories.Count > 0
                    ? description.Categories.Select(c => $"{c.Name}: {c.Description}")
                    : found;
                Table(
                [
                    new(T("PdfPurposes"), Bullets(facts.Purposes)),
                    new(T("PdfCategories"), Bullets(described)),
                    new(T("PdfRecipients"), Bullets(facts.Recipients)),
                    new(T("PdfRetention"), Or(facts.Retention)),
                    new(T("PdfOrigin"), Or(facts.Origin)),
                    new(T("PdfAutomated"), facts.AutomatedDecisionMaking.Trim() == "None" ? T("PdfAutomatedNone") : Or(facts.AutomatedDecisionMaking)),
                ]);
                pages.Y += 14;
            }

            Rights();
        }

        /// <summary>The plain answer when no source holds anything about the subject, on the page after the cover.</summary>
        public void NothingFound(bool sourcesListed)
        {
            pages.NewPage();
            entries.Add((T("PdfFoundTitle"), pages.PageNumber, false));
            Heading(T("PdfFoundTitle"));
            pages.Paragraph(SubjectTexts.NoDataHeld(request.Subject.Type), pages.Subheading, ReportPages.Ink, after: 8);
            pages.Paragraph(
                sourcesListed ? T("PdfFoundNothingListed") : T("PdfFoundNothing"),
                pages.Body,
                ReportPages.Ink,
                after: 18);
        }

        public void Rights()
        {
            pages.Need(160);
            entries.Add((T("PdfRightsTitle"), pages.PageNumber, false));
            Heading(T("PdfRightsTitle"));
            Table(
            [
                new(T("PdfRightRectification"), T("PdfRightRectificationText")),
                new(T("PdfRightErasure"), T("PdfRightErasureText")),
                new(T("PdfRightRestriction"), T("PdfRightRestrictionText")),
                new(T("PdfRightObjection"), T("PdfRightObjectionText")),
                new(T("PdfRightComplaint"), ComplaintText()),
            ]);
        }

        /// <summary>Every source, searched or not, and what came of it (CCPA §7024(c)); results made before this was recorded have none.</summary>
        public void WhereWeLooked(IReadOnlyList<SourceSearch> searches)
        {
            if (searches.Count == 0)
            {
                return;
            }

            pages.Need(pages.Heading.LineHeight + 120);
            entries.Add((T("PdfLookedTitle"), pages.PageNumber, false));
            Heading(T("PdfLookedTitle"));
            pages.Paragraph(
                T("PdfLookedLead"),
                pages.Body,
                ReportPages.Muted,
                after: 12);
            Table([.. searches.Select(s => new RecordField(s.Title, Describe(s)))]);
            pages.Y += 14;
        }

        /// <summary>
        /// After a review: per category and reason, how many records were left out and how many fields replaced, and why
        /// (Art. 15(4) GDPR) — never what. A document that was not reviewed has no such section.
        /// </summary>
        public void Withheld(IReadOnlyList<ResultWithheld>? withheld)
        {
            if (withheld is null)
            {
                return;
            }

            pages.Need(160);
            entries.Add((WithheldTitle, pages.PageNumber, false));
            Heading(WithheldTitle);
            pages.Paragraph(
                T("PdfWithheldLead"),
                pages.Body,
                ReportPages.Muted,
                after: 12);
            if (withheld.Count == 0)
            {
                pages.Paragraph(T("PdfWithheldNothing"), pages.Body, ReportPages.Ink, after: 12);
                return;
            }

            Table([.. withheld.Select(w => new RecordField(Title(w.Category), $"{WithheldCount(w)} — {w.Reason}"))]);
        }

        private static string WithheldTitle => T("PdfWithheldTitle");

        private static string WithheldCount(ResultWithheld withheld)
        {
            var records = withheld.Records switch { 0 => null, 1 => T("PdfWithheldOneRecord"), var n => F("PdfWithheldRecords", n.ToString("N0", CultureInfo.CurrentCulture)) };
            var fields = withheld.Fields switch { 0 => null, 1 => T("PdfWithheldOneValue"), var n => F("PdfWithheldValues", n.ToString("N0", CultureInfo.CurrentCulture)) };
            return string.Join(", ", new[] { records, fields }.Where(t => t is not null));
        }

        /// <summary>Blank pages for the contents, drawn once every section's page is known.</summary>
        public IReadOnlyList<int> ReserveContents()
        {
            var lines = entries.Count + 1 + categories.Count;
            var perPage = (int)((ReportPages.Bottom - ReportPages.Top - 40) / pages.Body.LineHeight / 1.4);
            var reserved = new List<int>();
            for (var i = 0; i < Math.Max(1, (lines + perPage - 1) / perPage); i++)
            {
                // Drawn now: a page left without content would get an empty, unreadable content stream.
                pages.NewPage();
                pages.Paragraph(i == 0 ? T("PdfContents") : T("PdfContentsContinued"), pages.Heading, ReportPages.Accent, after: 0);
                reserved.Add(pages.PageNumber);
            }

            entries.Add((T("PdfContents"), reserved[0], false));
            return reserved;
        }

        public async Task SectionsAsync(Stream json, CancellationToken cancellationToken)
        {
            await using var records = new ResultRecords(json);
            for (var i = 0; i < categories.Count; i++)
            {
                var category = categories[i];
                pages.NewPage();
                var title = string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {Title(category.Name)}");
                entries.Add((title, pages.PageNumber, true));
                Heading(title);
                var source = renderer.sources.FirstOrDefault(s => string.Equals(s.Key, category.Source, StringComparison.OrdinalIgnoreCase));
                var description = source?.Categories.FirstOrDefault(c => c.Name == category.Name)?.Description;
                pages.Paragraph(
                    $"{source?.Title ?? category.Source} · {(category.Records == 1 ? T("PdfOneRecord") : F("PdfRecords", category.Records.ToString("N0", CultureInfo.CurrentCulture)))}",
                    pages.Small,
                    ReportPages.Muted,
                    after: 2);
                if (description is not null)
                {
                    pages.Paragraph(description, pages.Body, ReportPages.Ink, after: 10);
                }

                var number = 0;
                await foreach (var record in records.NextCategoryAsync(cancellationToken))
                {
                    Record(++number, category.Records, record);
                }

                if (number == 0)
                {
                    pages.Paragraph(T("PdfNoRecords"), pages.Body, ReportPages.Muted);
                }
            }
        }

        public void Contents(IReadOnlyList<int> reserved)
        {
            var font = pages.Body;
            var spacing = font.LineHeight * 1.4;
            var at = 0;
            var ordered = entries.OrderBy(e => e.Page).ToList();
            var listed = ordered.Where(e => e.Page != reserved[0]).ToList();
            foreach (var page in reserved)
            {
                var capacity = (int)((ReportPages.Bottom - ReportPages.Top - 40) / spacing);
                var slice = listed.Skip(at).Take(capacity).ToList();
                at += slice.Count;
                var pdfPage = pages.Document.Pages[page - 1];
                pages.Stamp(page - 1, g =>
                {
                    var y = ReportPages.Top + pages.Heading.LineHeight + 14;

                    foreach (var (title, target, isCategory) in slice)
                    {
                        var indent = isCategory ? 12 : 0;
                        var number = target.ToString(CultureInfo.InvariantCulture);
                        var numberWidth = font.Width(number);
                        var text = font.Fit(ReportText.Printable(title), ReportPages.ContentWidth - indent - numberWidth - 24);
                        var textWidth = font.Width(text);
                        font.Draw(g, text, new XSolidBrush(ReportPages.Ink), ReportPages.Left + indent, y + font.Ascent);
                        g.DrawString(number, font.Font, new XSolidBrush(ReportPages.Ink), ReportPages.Right - numberWidth, y + font.Ascent);
                        var leaderStart = ReportPages.Left + indent + textWidth + 6;
                        var leaderEnd = ReportPages.Right - numberWidth - 6;
                        if (leaderEnd > leaderStart)
                        {
                            g.DrawLine(new XPen(ReportPages.Rule, 0.6) { DashStyle = XDashStyle.Dot }, leaderStart, y + font.Ascent, leaderEnd, y + font.Ascent);
                        }

                        pdfPage.AddDocumentLink(
                            new PdfRectangle(new XRect(ReportPages.Left, ReportPages.PageHeight - y - font.LineHeight, ReportPages.ContentWidth, font.LineHeight)),
                            target);
                        y += spacing;
                    }
                });
            }
        }

        /// <summary>The document outline: the cover, then every part in page order, the categories grouped under "Personal data".</summary>
        public void Outline()
        {
            var ordered = entries.OrderBy(e => e.Page).ToList();
            var outlines = pages.Document.Outlines;
            outlines.Add(T("PdfOutlineCover"), pages.Document.Pages[0]);
            PdfOutline? data = null;
            foreach (var (title, target, isCategory) in ordered)
            {
                var page = pages.Document.Pages[target - 1];
                if (!isCategory)
                {
                    outlines.Add(title, page);
                    continue;
                }

                data ??= outlines.Add(T("PdfOutlineData"), page, opened: true);
                data.Outlines.Add(title, page);
            }
        }

        public void HeadersAndFooters()
        {
            var total = pages.Document.PageCount;
            var idText = F("PdfHeaderRequest", request.Id.ToString(CultureInfo.InvariantCulture));
            for (var i = 0; i < total; i++)
            {
                var number = i + 1;
                pages.Stamp(i, g =>
                {
                    var muted = new XSolidBrush(ReportPages.Muted);
                    if (number > 1)
                    {
                        var name = pages.Small.Fit(ReportText.Printable(organisation.Name), ReportPages.ContentWidth - pages.Small.Width(idText) - 24);
                        pages.Small.Draw(g, name, muted, ReportPages.Left, 44 + pages.Small.Ascent);
                        g.DrawString(idText, pages.Small.Font, muted, ReportPages.Right - pages.Small.Width(idText), 44 + pages.Small.Ascent);
                        g.DrawLine(new XPen(ReportPages.Rule, 0.5), ReportPages.Left, 58, ReportPages.Right, 58);
                    }

                    var footerY = ReportPages.PageHeight - 46;
                    g.DrawLine(new XPen(ReportPages.Rule, 0.5), ReportPages.Left, footerY - 8, ReportPages.Right, footerY - 8);
                    var left = $"{idText} · {F("PdfFooterGenerated", renderer.Instant(generatedAt))}";
                    g.DrawString(left, pages.Small.Font, muted, ReportPages.Left, footerY + pages.Small.Ascent);
                    var pageText = F("PdfFooterPage", number, total);
                    g.DrawString(pageText, pages.Small.Font, muted, ReportPages.Right - pages.Small.Width(pageText), footerY + pages.Small.Ascent);
                });
            }
        }

        private void Record(int number, long total, JsonElement record)
        {
            var type = record.ValueKind == JsonValueKind.Object && record.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var band = F("PdfRecordBand", number.ToString("N0", CultureInfo.CurrentCulture), total.ToString("N0", CultureInfo.CurrentCulture)) + (type is null ? "" : $" · {type}");
            pages.Need(pages.Label.LineHeight + 8 + (pages.Body.LineHeight * 2));
            Band(band);
            var continued = F("PdfContinued", band);
            pages.OnBreak = () => Band(continued);
            Table(RecordFields.Of(record));
            pages.OnBreak = null;
            pages.Y += 12;
        }

        private void Band(string text)
        {
            var height = pages.Label.LineHeight + 6;
            pages.Graphics.DrawRectangle(new XSolidBrush(ReportPages.Band), ReportPages.Left, pages.Y, ReportPages.ContentWidth, height);
            pages.Text(ReportText.Printable(text), pages.Label, ReportPages.Accent, ReportPages.Left + CellPadding, pages.Y + 3);
            pages.Y += height;
        }

        /// <summary>Two columns, field name and value, each wrapped; a row too long for the page continues on the next.</summary>
        private void Table(IReadOnlyList<RecordField> rows, double nameColumn = NameColumn)
        {
            var valueX = ReportPages.Left + nameColumn;
            var valueWidth = ReportPages.ContentWidth - nameColumn - CellPadding;
            foreach (var row in rows)
            {
                var names = pages.Label.Wrap(ReportText.Printable(row.Name), nameColumn - (2 * CellPadding));
                var values = pages.Body.Wrap(ReportText.Printable(row.Value), valueWidth);
                var lines = Math.Max(names.Count, values.Count);

                // A short row stays on one page; a long one starts where it is and continues on the next.
                if (lines <= 8)
                {
                    pages.Need((lines * pages.Body.LineHeight) + CellPadding);
                }

                pages.Y += CellPadding;
                for (var i = 0; i < lines; i++)
                {
                    pages.Need(pages.Body.LineHeight);
                    if (i < names.Count)
                    {
                        pages.Text(names[i], pages.Label, ReportPages.Muted, ReportPages.Left + CellPadding, pages.Y + 0.8);
                    }

                    if (i < values.Count)
                    {
                        pages.Text(values[i], pages.Body, ReportPages.Ink, valueX, pages.Y);
                    }

                    pages.Y += pages.Body.LineHeight;
                }

                pages.Y += CellPadding - 2;
                pages.HorizontalRule(pages.Y, ReportPages.Rule);
            }
        }

        private void Heading(string text)
        {
            pages.Need(pages.Heading.LineHeight + 60);
            pages.Paragraph(text, pages.Heading, ReportPages.Accent, after: 6);
        }

        private string ComplaintText()
        {
            var authority = organisation.SupervisoryAuthority;
            var text = SubjectTexts.ComplaintParagraph(authority);
            if (!string.IsNullOrWhiteSpace(authority.Name))
            {
                text += "\n" + F("PdfAuthority", authority.Name.Trim());
            }

            if (!string.IsNullOrWhiteSpace(authority.Url))
            {
                text += $"\n{authority.Url.Trim()}";
            }

            return text;
        }

        private List<string> SourcesOf() => [.. categories.Select(c => c.Source).Distinct(StringComparer.OrdinalIgnoreCase)];

        private static string Title(string name) => name.Length == 0 ? T("PdfUnnamed") : char.ToUpperInvariant(name[0]) + name[1..];

        private static string Bullets(IEnumerable<string> items)
        {
            var list = items.Where(i => !string.IsNullOrWhiteSpace(i)).ToList();
            return list.Count == 0 ? T("PdfNotStated") : string.Join('\n', list.Select(i => "• " + i.Trim()));
        }

        private static string Or(string? text) => string.IsNullOrWhiteSpace(text) ? T("PdfNotStated") : text.Trim();

        private static string SubjectLabel(SubjectType type) => type switch
        {
            SubjectType.Email => T("PdfSubjectEmail"),
            SubjectType.Profile => T("PdfSubjectProfile"),
            SubjectType.Subprofile => T("PdfSubjectSubprofile"),
            _ => type.ToString(),
        };

        /// <summary>A search's outcome in a sentence in the report's language (the dashboard has its own, in English).</summary>
        private static string Describe(SourceSearch search)
        {
            var records = search.Records == 1 ? T("PdfOneRecord") : F("PdfRecords", search.Records.ToString("N0", CultureInfo.CurrentCulture));
            var text = (search.Outcome, search.Manual) switch
            {
                (SearchOutcome.Found, false) => F("PdfSearchFound", records),
                (SearchOutcome.Found, true) => F("PdfSearchFoundByHand", search.By ?? "", records),
                (SearchOutcome.NothingFound, false) => T("PdfSearchNothing"),
                (SearchOutcome.NothingFound, true) => F("PdfSearchNothingByHand", search.By ?? ""),
                (SearchOutcome.NotApplicable, _) => T("PdfSearchNotApplicable"),
                (SearchOutcome.Failed, _) => F("PdfSearchFailed", Times(search.Attempts)),
                (SearchOutcome.Pending, true) => F("PdfSearchPendingByHand", search.By ?? ""),
                _ => T("PdfSearchPending"),
            };
            if (search.Outcome is SearchOutcome.Found or SearchOutcome.NothingFound && search.FailedAttempts > 0)
            {
                text += " " + F("PdfSearchRetried", Times(search.FailedAttempts));
            }

            return string.IsNullOrWhiteSpace(search.Note) ? text : $"{text} {F("PdfSearchNote", search.Note.Trim())}";
        }

        private static string Times(int times) => times == 1 ? T("PdfOnce") : F("PdfTimes", times);

        private static string T(string key) => SubjectTexts.Text(key);

        private static string F(string key, params object[] arguments) => SubjectTexts.Format(key, arguments);
    }
}
