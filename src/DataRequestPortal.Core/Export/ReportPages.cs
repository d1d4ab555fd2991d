using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// The report's pages as they fill: A4, one column, a cursor moving down and a new page when it reaches the bottom
/// margin. Headers and footers are stamped on every page at the end, when the page count is known. Each finished
/// page's content is compressed at once, so memory grows with the page count at a fraction of the content's size.
/// </summary>
internal sealed class ReportPages : IDisposable
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double Left = 62;
    public const double Right = PageWidth - 62;
    public const double Top = 78;
    public const double Bottom = PageHeight - 70;
    public const double ContentWidth = Right - Left;

    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x23, 0x28);
    public static readonly XColor Muted = XColor.FromArgb(0x5F, 0x66, 0x6D);
    public static readonly XColor Accent = XColor.FromArgb(0x24, 0x5A, 0x89);
    public static readonly XColor Rule = XColor.FromArgb(0xD5, 0xDA, 0xDF);
    public static readonly XColor Band = XColor.FromArgb(0xEE, 0xF2, 0xF6);

    private readonly XGraphics measure;
    private XGraphics? graphics;

    public ReportPages(PdfDocument document)
    {
        Document = document;
        measure = XGraphics.CreateMeasureContext(new XSize(PageWidth, PageHeight), XGraphicsUnit.Point, XPageDirection.Downwards);
        Body = new ReportFont(measure, ReportFonts.Family, 9);
        Small = new ReportFont(measure, ReportFonts.Family, 8);
        Label = new ReportFont(measure, ReportFonts.MediumFamily, 8);
        Strong = new ReportFont(measure, ReportFonts.MediumFamily, 9);
        Heading = new ReportFont(measure, ReportFonts.Family, 15, XFontStyleEx.Bold);
        Subheading = new ReportFont(measure, ReportFonts.MediumFamily, 11.5);
        Title = new ReportFont(measure, ReportFonts.Family, 24, XFontStyleEx.Bold);
    }

    public PdfDocument Document { get; }

    public ReportFont Body { get; }

    public ReportFont Small { get; }

    public ReportFont Label { get; }

    public ReportFont Strong { get; }

    public ReportFont Heading { get; }

    public ReportFont Subheading { get; }

    public ReportFont Title { get; }

    /// <summary>Where the next line goes, from the top of the page.</summary>
    public double Y { get; set; }

    /// <summary>1-based number of the current page.</summary>
    public int PageNumber => Document.PageCount;

    public PdfPage Page => Document.Pages[Document.PageCount - 1];

    public XGraphics Graphics => graphics ?? throw new InvalidOperationException("No page is open.");

    /// <summary>Called after a page break made by <see cref="Need"/>, to repeat a heading on the new page.</summary>
    public Action? OnBreak { get; set; }

    public void NewPage()
    {
        Finish();
        var page = Document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        graphics = XGraphics.FromPdfPage(page);
        Y = Top;
    }

    /// <summary>Starts a new page when fewer than <paramref name="height"/> points are left on this one.</summary>
    public bool Need(double height)
    {
        if (graphics is not null && Y + height <= Bottom)
        {
            return false;
        }

        NewPage();
        OnBreak?.Invoke();
        return true;
    }

    public void Text(string text, ReportFont font, XColor color, double x, double top) =>
        font.Draw(Graphics, text, new XSolidBrush(color), x, top + font.Ascent);

    public void TextRight(string text, ReportFont font, XColor color, double right, double top) =>
        Text(text, font, color, right - font.Width(text), top);

    /// <summary>Wrapped text across the column, breaking pages between lines.</summary>
    public void Paragraph(string text, ReportFont font, XColor color, double indent = 0, double after = 6)
    {
        foreach (var line in font.Wrap(ReportText.Printable(text), ContentWidth - indent))
        {
            Need(font.LineHeight);
            Text(line, font, color, Left + indent, Y);
            Y += font.LineHeight;
        }

        Y += after;
    }

    public void HorizontalRule(double y, XColor color, double width = 0.5) =>
        Graphics.DrawLine(new XPen(color, width), Left, y, Right, y);

    /// <summary>Draws on every page after the content is done (headers, footers, the contents page).</summary>
    public void Stamp(int pageIndex, Action<XGraphics> draw)
    {
        Finish();
        var page = Document.Pages[pageIndex];
        using (var stamp = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append))
        {
            draw(stamp);
        }

        Compress(page);
    }

    /// <summary>Closes the open page, so its content is written and compressed.</summary>
    public void Finish()
    {
        if (graphics is null)
        {
            return;
        }

        graphics.Dispose();
        graphics = null;
        Compress(Page);
    }

    public void Dispose()
    {
        Finish();
        measure.Dispose();
    }

    private static void Compress(PdfPage page)
    {
        foreach (var item in page.Contents.Elements)
        {
            if ((item as PdfSharp.Pdf.Advanced.PdfReference)?.Value is PdfDictionary { Stream: { } stream } content && content.Elements["/Filter"] is null && stream.Length > 0)
            {
                stream.Zip();
            }
        }
    }
}
