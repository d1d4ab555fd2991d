using System.Globalization;
using System.Text;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>
/// Builds an RFC 5322 / MIME message: CRLF line ends, non-ASCII headers as RFC 2047 encoded words, text parts in
/// quoted-printable UTF-8, files in base64 lines of 76 characters.
/// </summary>
internal static class MimeMessage
{
    private const string CrLf = "\r\n";

    private const string Hex = "0123456789ABCDEF";

    public static string Build(
        string sender,
        string recipientName,
        string recipient,
        string subject,
        DateTimeOffset sentAt,
        long messageId,
        string unsubscribe,
        string text,
        string html,
        DemoFile? attachment,
        (string Name, string Address)? cc = null)
    {
        var mime = new StringBuilder(html.Length + (text.Length * 2) + (attachment is null ? 800 : (attachment.Content.Length * 4 / 3) + 1200));
        var alternative = $"=_alt_{messageId}";
        var mixed = $"=_mixed_{messageId}";
        Header(mime, "From", $"{DemoVocabulary.Brand} <{sender}>");
        Header(mime, "To", $"{DisplayName(recipientName)} <{recipient}>");
        if (cc is { } copied)
        {
            Header(mime, "Cc", $"{DisplayName(copied.Name)} <{copied.Address}>");
        }

        Header(mime, "Subject", EncodeWords(subject));
        Header(mime, "Date", sentAt.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture));
        Header(mime, "Message-ID", $"<{sentAt.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture)}.{messageId}@{DemoVocabulary.MailDomain}>");
        Header(mime, "List-Unsubscribe", $"<{unsubscribe}>");
        Header(mime, "MIME-Version", "1.0");
        if (attachment is null)
        {
            Header(mime, "Content-Type", $"multipart/alternative; boundary=\"{alternative}\"");
            mime.Append(CrLf).Append("This is a multi-part message in MIME format.").Append(CrLf);
            Alternative(mime, alternative, text, html);
            return mime.ToString();
        }

        Header(mime, "Content-Type", $"multipart/mixed; boundary=\"{mixed}\"");
        mime.Append(CrLf).Append("This is a multi-part message in MIME format.").Append(CrLf);
        mime.Append(CrLf).Append("--").Append(mixed).Append(CrLf);
        Header(mime, "Content-Type", $"multipart/alternative; boundary=\"{alternative}\"");
        Alternative(mime, alternative, text, html);
        mime.Append(CrLf).Append("--").Append(mixed).Append(CrLf);
        Header(mime, "Content-Type", $"{attachment.ContentType}; name=\"{attachment.Name}\"");
        Header(mime, "Content-Disposition", $"attachment; filename=\"{attachment.Name}\"");
        Header(mime, "Content-Transfer-Encoding", "base64");
        mime.Append(CrLf);
        var base64 = Convert.ToBase64String(attachment.Content);
        for (var i = 0; i < base64.Length; i += 76)
        {
            mime.Append(base64, i, Math.Min(76, base64.Length - i)).Append(CrLf);
        }

        mime.Append(CrLf).Append("--").Append(mixed).Append("--").Append(CrLf);
        return mime.ToString();
    }

    /// <summary>Quoted-printable (RFC 2045 §6.7): UTF-8 bytes, lines of at most 76 characters, soft breaks with '='.</summary>
    public static string QuotedPrintable(string value)
    {
        var result = new StringBuilder(value.Length + (value.Length / 8));
        var lines = value.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        Span<byte> bytes = stackalloc byte[4];
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            var length = 0;
            for (var i = 0; i < line.Length; i++)
            {
                var count = char.IsHighSurrogate(line[i]) && i + 1 < line.Length
                    ? Encoding.UTF8.GetBytes(line.AsSpan(i++, 2), bytes)
                    : Encoding.UTF8.GetBytes(line.AsSpan(i, 1), bytes);
                var last = i == line.Length - 1;
                for (var b = 0; b < count; b++)
                {
                    var value8 = bytes[b];

                    // Spaces and tabs survive except at the end of a line, where transports may strip them.
                    var literal = (value8 is >= 33 and <= 126 && value8 != (byte)'=') || (value8 is (byte)' ' or (byte)'\t' && !last);
                    var width = literal ? 1 : 3;
                    if (length + width > 75)
                    {
                        result.Append('=').Append(CrLf);
                        length = 0;
                    }

                    if (literal)
                    {
                        result.Append((char)value8);
                    }
                    else
                    {
                        result.Append('=').Append(Hex[value8 >> 4]).Append(Hex[value8 & 0xF]);
                    }

                    length += width;
                }
            }

            if (l < lines.Length - 1)
            {
                result.Append(CrLf);
            }
        }

        return result.ToString();
    }

    /// <summary>A header value as is when it is ASCII, otherwise as RFC 2047 "B" encoded words of UTF-8.</summary>
    public static string EncodeWords(string value)
    {
        if (Ascii(value))
        {
            return value;
        }

        // Each encoded word carries whole characters and stays within 75 characters.
        var words = new List<string>();
        var start = 0;
        while (start < value.Length)
        {
            var end = start;
            while (end < value.Length)
            {
                var next = end + (char.IsHighSurrogate(value[end]) && end + 1 < value.Length ? 2 : 1);
                if (Encoding.UTF8.GetByteCount(value.AsSpan(start, next - start)) > 45)
                {
                    break;
                }

                end = next;
            }

            words.Add($"=?utf-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes(value[start..end]))}?=");
            start = end;
        }

        return string.Join(CrLf + " ", words);
    }

    private static void Alternative(StringBuilder mime, string boundary, string text, string html)
    {
        mime.Append(CrLf).Append("--").Append(boundary).Append(CrLf);
        Header(mime, "Content-Type", "text/plain; charset=utf-8");
        Header(mime, "Content-Transfer-Encoding", "quoted-printable");
        mime.Append(CrLf).Append(QuotedPrintable(text)).Append(CrLf);
        mime.Append("--").Append(boundary).Append(CrLf);
        Header(mime, "Content-Type", "text/html; charset=utf-8");
        Header(mime, "Content-Transfer-Encoding", "quoted-printable");
        mime.Append(CrLf).Append(QuotedPrintable(html)).Append(CrLf);
        mime.Append("--").Append(boundary).Append("--").Append(CrLf);
    }

    private static string DisplayName(string name)
    {
        if (!Ascii(name))
        {
            return EncodeWords(name);
        }

        // An apostrophe is fine in an atom; anything else outside letters, digits and spaces needs quotes.
        return name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '\'' or '-') ? name : $"\"{name.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
    }

    private static void Header(StringBuilder mime, string name, string value) => mime.Append(name).Append(": ").Append(value).Append(CrLf);

    private static bool Ascii(string value) => value.All(c => c is >= ' ' and <= '~');
}
