using System.Globalization;
using System.Text;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>Files attached to demo mails: a one-page PDF invoice and an iCalendar invitation, both valid for their readers.</summary>
internal static class DemoDocuments
{
    public static byte[] Invoice(string order, DemoPerson person, DateTimeOffset date, IReadOnlyList<(string Name, int Quantity, decimal Price)> items, decimal total)
    {
        var lines = new List<string>
        {
            $"{DemoVocabulary.Brand} B.V. - Invoice {order}",
            $"Date: {date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}",
            $"Bill to: {Latin1(person.FullName)}, {Latin1(person.City)}",
            "",
        };
        lines.AddRange(items.Select(i => $"{i.Quantity} x {i.Name}  EUR {(i.Quantity * i.Price).ToString("0.00", CultureInfo.InvariantCulture)}"));
        lines.Add("");
        lines.Add($"Total (incl. VAT): EUR {total.ToString("0.00", CultureInfo.InvariantCulture)}");

        var content = new StringBuilder("BT /F1 12 Tf 72 770 Td 16 TL\n");
        foreach (var line in lines)
        {
            content.Append('(').Append(line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal)).Append(") Tj T*\n");
        }

        content.Append("ET\n");
        var stream = content.ToString();
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.Latin1.GetByteCount(stream)} >>\nstream\n{stream}endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ];

        // The cross-reference table needs each object's byte offset, so the file is assembled with a running count.
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.Latin1.GetByteCount(pdf.ToString()));
            pdf.Append(i + 1).Append(" 0 obj\n").Append(objects[i]).Append("\nendobj\n");
        }

        var xref = Encoding.Latin1.GetByteCount(pdf.ToString());
        pdf.Append("xref\n0 ").Append(objects.Length + 1).Append('\n').Append("0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(offset.ToString("D10", CultureInfo.InvariantCulture)).Append(" 00000 n \n");
        }

        pdf.Append("trailer\n<< /Size ").Append(objects.Length + 1).Append(" /Root 1 0 R >>\nstartxref\n").Append(xref).Append("\n%%EOF\n");
        return Encoding.Latin1.GetBytes(pdf.ToString());
    }

    public static byte[] Invitation(long messageId, string title, string location, DateTimeOffset starts, DateTimeOffset sentAt)
    {
        const string Format = "yyyyMMdd'T'HHmmss'Z'";
        var calendar = new StringBuilder();
        calendar.Append("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example Outdoor//Events//EN\r\nMETHOD:PUBLISH\r\nBEGIN:VEVENT\r\n");
        calendar.Append("UID:event-").Append(messageId).Append('@').Append(DemoVocabulary.MailDomain).Append("\r\n");
        calendar.Append("DTSTAMP:").Append(sentAt.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)).Append("\r\n");
        calendar.Append("DTSTART:").Append(starts.UtcDateTime.ToString(Format, CultureInfo.InvariantCulture)).Append("\r\n");
        calendar.Append("DTEND:").Append(starts.UtcDateTime.AddHours(2).ToString(Format, CultureInfo.InvariantCulture)).Append("\r\n");
        calendar.Append("SUMMARY:").Append(Escape(title)).Append("\r\n");
        calendar.Append("LOCATION:").Append(Escape(location)).Append("\r\n");
        calendar.Append("END:VEVENT\r\nEND:VCALENDAR\r\n");
        return Encoding.UTF8.GetBytes(calendar.ToString());
    }

    // iCalendar text values escape backslashes, commas and semicolons (RFC 5545 §3.3.11).
    private static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace(",", "\\,", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal);

    // The PDF's standard font speaks WinAnsi; characters outside Latin-1 are shown without their accents.
    private static string Latin1(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var folded = DemoPerson.Fold(c.ToString());
            builder.Append(c <= 'ÿ' ? c : folded.Length == 0 ? '?' : char.IsUpper(c) ? char.ToUpperInvariant(folded[0]) : folded[0]);
        }

        return builder.ToString();
    }
}
