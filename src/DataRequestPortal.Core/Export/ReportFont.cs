using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// A font of the report with its character widths measured once each, so wrapping thousands of pages of text costs
/// additions rather than a measurement per line. Characters the font lacks are set in the stand-in typeface, and
/// right-to-left runs from right to left. Text given here has been through <see cref="ReportText.Printable"/>.
/// </summary>
internal sealed class ReportFont
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private readonly XGraphics measure;
    private readonly double[] common = new double[0x800];
    private readonly Dictionary<int, double> other = [];

    public ReportFont(XGraphics measure, string family, double size, XFontStyleEx style = XFontStyleEx.Regular)
    {
        this.measure = measure;
        Font = new XFont(family, size, style, Unicode);
        Fallback = new XFont(ReportFonts.FallbackFamily, size, XFontStyleEx.Regular, Unicode);
        LineHeight = Math.Ceiling(size * 1.35 * 10) / 10;
        Ascent = size * 0.93;
        Array.Fill(common, -1);
    }

    public XFont Font { get; }

    /// <summary>The stand-in for characters <see cref="Font"/> lacks.</summary>
    public XFont Fallback { get; }

    /// <summary>Distance between baselines.</summary>
    public double LineHeight { get; }

    /// <summary>From the top of a line to its baseline.</summary>
    public double Ascent { get; }

    /// <summary>Draws one line (as <see cref="Wrap"/> made it) with its baseline at <paramref name="baseline"/>.</summary>
    public void Draw(XGraphics graphics, string line, XBrush brush, double x, double baseline)
    {
        if (IsPlain(line))
        {
            graphics.DrawString(line, Font, brush, x, baseline);
            return;
        }

        // Runs of one typeface each, in the order they go onto the page.
        var visual = RightToLeft.Visual(line);
        var start = 0;
        while (start < visual.Length)
        {
            var fallback = !InMainFont(visual, start);
            var end = start;
            while (end < visual.Length && InMainFont(visual, end) != fallback)
            {
                end += char.IsHighSurrogate(visual[end]) && end + 1 < visual.Length ? 2 : 1;
            }

            var run = visual[start..end];
            graphics.DrawString(run, fallback ? Fallback : Font, brush, x, baseline);
            x += Width(run);
            start = end;
        }
    }

    /// <summary>The text, shortened with an ellipsis when it is wider than <paramref name="width"/> (one-line places: header, contents).</summary>
    public string Fit(string text, double width)
    {
        if (Width(text) <= width)
        {
            return text;
        }

        var room = width - Width("…");
        var end = 0;
        for (double used = 0; end < text.Length; end++)
        {
            var at = end;
            used += Width(text, ref end);
            if (used > room)
            {
                end = at;
                break;
            }
        }

        return text[..end].TrimEnd() + "…";
    }

    public double Width(ReadOnlySpan<char> text)
    {
        double width = 0;
        for (var i = 0; i < text.Length; i++)
        {
            width += Width(text, ref i);
        }

        return width;
    }

    /// <summary>
    /// Breaks text into lines no wider than <paramref name="width"/>: at spaces where it can, inside a word only when the
    /// word alone is too wide; <c>\n</c> always starts a new line.
    /// </summary>
    public List<string> Wrap(string text, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            WrapParagraph(paragraph, width, lines);
        }

        return lines;
    }

    private void WrapParagraph(string text, double width, List<string> lines)
    {
        var start = 0;
        var lastBreak = -1;
        double lineWidth = 0, widthAtBreak = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var at = i;
            var w = Width(text, ref i);
            if (text[at] == ' ')
            {
                lastBreak = at;
                widthAtBreak = lineWidth + w;
            }

            if (lineWidth + w > width && at > start && text[at] != ' ')
            {
                if (lastBreak >= start)
                {
                    lines.Add(text[start..lastBreak].TrimEnd());
                    start = lastBreak + 1;
                    lineWidth -= widthAtBreak;
                }
                else
                {
                    lines.Add(text[start..at]);
                    start = at;
                    lineWidth = 0;
                }

                lastBreak = -1;
            }

            lineWidth += w;
        }

        lines.Add(text[start..].TrimEnd());
    }

    private double Width(ReadOnlySpan<char> text, ref int i)
    {
        var c = text[i];
        if (c < common.Length)
        {
            var known = common[c];
            return known >= 0 ? known : common[c] = Measure(c.ToString());
        }

        int codePoint = c;
        if (char.IsHighSurrogate(c) && i + 1 < text.Length)
        {
            codePoint = char.ConvertToUtf32(c, text[i + 1]);
            i++;
        }

        if (!other.TryGetValue(codePoint, out var width))
        {
            width = other[codePoint] = Measure(char.ConvertFromUtf32(codePoint));
        }

        return width;
    }

    private static bool IsPlain(string line)
    {
        foreach (var c in line)
        {
            if (c >= 0x0590 && (char.IsSurrogate(c) || RightToLeft.IsStrong(c) || !ReportFonts.Covers(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool InMainFont(string text, int at) => ReportFonts.Covers(char.ConvertToUtf32(text, at));

    private double Measure(string glyph) => measure.MeasureString(glyph, ReportFonts.Covers(char.ConvertToUtf32(glyph, 0)) ? Font : Fallback).Width;
}
