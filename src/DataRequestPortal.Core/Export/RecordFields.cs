using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Notices;
using MimeKit;

namespace DataRequestPortal.Core.Export;

/// <summary>One row of a record's table: a field's dotted name and its value as a person reads it.</summary>
internal readonly record struct RecordField(string Name, string Value);

/// <summary>
/// A record as rows: nested objects flattened with dotted names (<c>fields.city</c>), arrays indexed
/// (<c>tags[0]</c>), HTML shown as its text, MIME messages summarised (headers, text part, attachments) and binary
/// content (base64) listed by size and SHA-256 rather than printed.
/// </summary>
internal static class RecordFields
{
    public static List<RecordField> Of(JsonElement record)
    {
        var rows = new List<RecordField>();
        if (record.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in record.EnumerateObject())
            {
                // The type names the record in its heading already.
                if (property.NameEquals("type") && property.Value.ValueKind == JsonValueKind.String)
                {
                    continue;
                }

                Add(rows, property.Name, property.Value);
            }
        }
        else
        {
            Add(rows, "value", record);
        }

        return rows;
    }

    private static void Add(List<RecordField> rows, string name, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var any = false;
                foreach (var property in value.EnumerateObject())
                {
                    Add(rows, name + "." + property.Name, property.Value);
                    any = true;
                }

                if (!any)
                {
                    rows.Add(new(name, SubjectTexts.Text("PdfEmpty")));
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Add(rows, string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]"), item);
                }

                if (index == 0)
                {
                    rows.Add(new(name, SubjectTexts.Text("PdfNone")));
                }

                break;
            case JsonValueKind.String:
                AddText(rows, name, value.GetString()!);
                break;
            case JsonValueKind.Null:
                rows.Add(new(name, SubjectTexts.Text("PdfNone")));
                break;
            default:
                rows.Add(new(name, value.GetRawText()));
                break;
        }
    }

    private static void AddText(List<RecordField> rows, string name, string text)
    {
        if (ReportText.LooksLikeBase64(text, out var content))
        {
            rows.Add(new(name, SubjectTexts.Format("PdfBinary", ReportText.Bytes(content.Length), Sha256(content))));
        }
        else if (LooksLikeMime(text) && TryParseMime(text) is { } message)
        {
            AddMime(rows, name, message);
        }
        else if (ReportText.LooksLikeHtml(text))
        {
            rows.Add(new(name, ReportText.FromHtml(text)));
        }
        else
        {
            rows.Add(new(name, text));
        }
    }

    private static void AddMime(List<RecordField> rows, string name, MimeMessage message)
    {
        void Header(string label, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                rows.Add(new($"{name} · {label}", value));
            }
        }

        Header(SubjectTexts.Text("PdfMailFrom"), message.From.ToString());
        Header(SubjectTexts.Text("PdfMailTo"), message.To.ToString());
        Header("Cc", message.Cc.ToString());
        Header(SubjectTexts.Text("PdfMailSubject"), message.Subject);
        Header(SubjectTexts.Text("PdfMailDate"), message.Headers[HeaderId.Date]);
        Header("Message-ID", message.MessageId is { } id ? $"<{id}>" : null);
        var text = message.TextBody ?? (message.HtmlBody is { } html ? ReportText.FromHtml(html) : null);
        Header(SubjectTexts.Text("PdfMailText"), text?.Trim());

        var index = 0;
        foreach (var attachment in message.Attachments.OfType<MimePart>())
        {
            using var decoded = new MemoryStream();
            attachment.Content?.DecodeTo(decoded);
            var bytes = decoded.ToArray();
            var fileName = attachment.FileName ?? SubjectTexts.Text("PdfNoName");
            rows.Add(new(
                $"{name} · {SubjectTexts.Format("PdfAttachment", ++index)}",
                $"{fileName}\n{SubjectTexts.Format("PdfAttachmentType", attachment.ContentType.MimeType, ReportText.Bytes(bytes.Length))}\nSHA-256 {Sha256(bytes)}"));
        }
    }

    /// <summary>A header block with a MIME or RFC 5322 header that matters, then a blank line.</summary>
    private static bool LooksLikeMime(string text)
    {
        var end = text.IndexOf("\n\n", StringComparison.Ordinal);
        var endCrLf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var head = (end, endCrLf) switch
        {
            (< 0, < 0) => -1,
            (< 0, _) => endCrLf,
            (_, < 0) => end,
            _ => Math.Min(end, endCrLf),
        };
        if (head <= 0 || !char.IsAsciiLetter(text[0]))
        {
            return false;
        }

        var headers = text.AsSpan(0, head);
        return headers.Contains("MIME-Version:", StringComparison.OrdinalIgnoreCase)
            || (headers.Contains("Content-Type:", StringComparison.OrdinalIgnoreCase) && headers.Contains("From:", StringComparison.OrdinalIgnoreCase));
    }

    private static MimeMessage? TryParseMime(string text)
    {
        try
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
            return MimeMessage.Load(stream);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));
}
