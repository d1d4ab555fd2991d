using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// Turns any text from a result into text the report's typefaces can show, without losing anything: line breaks
/// become <c>\n</c>, tabs spaces, Arabic letters their joined forms, and every character that would otherwise print
/// as nothing — control and direction-override characters, and what neither typeface has — becomes its code point,
/// as <c>[U+1F9D0]</c>.
/// </summary>
internal static partial class ReportText
{
    public static string Printable(string text)
    {
        if (IsPrintable(text))
        {
            return text;
        }

        return RightToLeft.ShapeArabic(Replaced(text));
    }

    private static string Replaced(string text)
    {
        var result = new StringBuilder(text.Length + 16);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '\r':
                    result.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n')
                    {
                        i++;
                    }

                    continue;
                case '\n' or '\u2028' or '\u2029':
                    result.Append('\n');
                    continue;
                case '\t':
                    result.Append("    ");
                    continue;
            }

            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, text[i + 1]);
                i++;
            }

            if (Shows(codePoint))
            {
                result.Append(char.ConvertFromUtf32(codePoint));
                continue;
            }

            result.Append("[U+").Append(codePoint.ToString("X4", CultureInfo.InvariantCulture)).Append(']');
        }

        return result.ToString();
    }

    /// <summary>HTML as the text a reader of the mail saw: blocks on their own lines, no tags, scripts or styles, entities decoded.</summary>
    public static string FromHtml(string html)
    {
        var text = HiddenElements().Replace(html, "");
        text = Comments().Replace(text, "");
        text = LineBreaks().Replace(text, "\n");
        text = ListItems().Replace(text, "\n• ");
        text = BlockEnds().Replace(text, "\n");
        text = Tags().Replace(text, "");
        text = WebUtility.HtmlDecode(text).Replace('\u00A0', ' ');
        var lines = text.Split('\n').Select(l => Spaces().Replace(l, " ").Trim());
        return MultipleBlankLines().Replace(string.Join('\n', lines), "\n\n").Trim();
    }

    /// <summary>Text that is HTML markup rather than prose that mentions a tag.</summary>
    public static bool LooksLikeHtml(string text)
    {
        var start = text.AsSpan().TrimStart();
        return start.StartsWith("<", StringComparison.Ordinal) && HtmlMarkers().IsMatch(text);
    }

    /// <summary>A long run of base64 (binary content), which would fill pages with characters no one can read.</summary>
    public static bool LooksLikeBase64(string text, out byte[] content)
    {
        content = [];
        if (text.Length < 256 || text.Length % 4 != 0)
        {
            return false;
        }

        bool upper = false, lower = false, digit = false;
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '='))
            {
                return false;
            }

            upper |= char.IsAsciiLetterUpper(c);
            lower |= char.IsAsciiLetterLower(c);
            digit |= char.IsAsciiDigit(c);
        }

        // Encoded bytes mix all three; a long word, a hex digest or a token of one kind is text, and is printed.
        if (!(upper && lower && digit))
        {
            return false;
        }

        var buffer = new byte[text.Length / 4 * 3];
        if (!Convert.TryFromBase64String(text, buffer, out var written))
        {
            return false;
        }

        content = buffer[..written];
        return true;
    }

    public static string Bytes(long bytes) => ByteSize.Format(bytes, CultureInfo.CurrentCulture, Notices.SubjectTexts.Text("PdfBytes"));

    private static bool IsPrintable(string text)
    {
        foreach (var c in text)
        {
            // Surrogate pairs and right-to-left scripts (Arabic joins) take the slow path.
            if (char.IsSurrogate(c) || RightToLeft.IsStrong(c) || !Shows(c))
            {
                return false;
            }
        }

        return true;
    }

    // Format characters (direction overrides, zero-width joiners) are shown too: invisible ones could change how text reads.
    // Beyond the basic plane the stand-in is not used: PDF readers cannot copy or search its glyphs there (emoji).
    private static bool Shows(int codePoint) =>
        codePoint >= 0x20
        && codePoint is not (>= 0x7F and < 0xA0)
        && !(codePoint < 0x10000 && (char.IsSurrogate((char)codePoint) || CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format))
        && (ReportFonts.Covers(codePoint) || (codePoint < 0x10000 && ReportFonts.FallbackCovers(codePoint)));

    [GeneratedRegex(@"<(script|style|head|title)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex HiddenElements();

    [GeneratedRegex("<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex Comments();

    [GeneratedRegex(@"<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"<li\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex ListItems();

    [GeneratedRegex(@"</?(p|div|tr|table|h[1-6]|ul|ol|li|blockquote|section|article|header|footer)\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex BlockEnds();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[ \t\r\f\v]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n{3,}")]
    private static partial Regex MultipleBlankLines();

    [GeneratedRegex(@"</?(html|body|p|div|table|br|span|a|h[1-6])\b", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMarkers();
}
