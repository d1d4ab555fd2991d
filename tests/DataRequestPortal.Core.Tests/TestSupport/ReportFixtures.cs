using System.Globalization;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using UglyToad.PdfPig;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Result documents made by hand, rendered to PDF, and the PDF read back as a reader (or a search) sees it.</summary>
public static class ReportFixtures
{
    public const long RequestId = 4_503_599_627_370_495;

    public static readonly ReportRequest Request = new(
        RequestId,
        Subject.Create(SubjectType.Email, "jane@example.com"),
        DateTimeOffset.Parse("2026-03-01T10:00:00Z", CultureInfo.InvariantCulture),
        new DateOnly(2026, 4, 1),
        DateTimeOffset.Parse("2026-03-01T10:05:00Z", CultureInfo.InvariantCulture),
        new string('0', 64)); // the widest digits: the checksum still fits on one line

    public static readonly DateTimeOffset Generated = DateTimeOffset.Parse("2026-03-02T09:00:00Z", CultureInfo.InvariantCulture);

    /// <summary>A result document in the collector's shape; each category's records are JSON objects as text.</summary>
    public static byte[] Result(params (string Source, string Name, IEnumerable<string> Records)[] categories)
    {
        var json = new StringBuilder("{\"info\":{\"type\":\"email\",\"id\":\"jane@example.com\"},\"data\":[");
        var counts = new List<int>();
        for (var i = 0; i < categories.Length; i++)
        {
            json.Append(i == 0 ? "[" : ",[");
            var count = 0;
            foreach (var record in categories[i].Records)
            {
                json.Append(count++ == 0 ? "" : ",").Append(record);
            }

            counts.Add(count);
            json.Append(']');
        }

        json.Append("],\"meta\":{\"request\":").Append(RequestId).Append(",\"generated\":\"2026-03-01T10:05:00Z\",\"categories\":[");
        for (var i = 0; i < categories.Length; i++)
        {
            json.Append(i == 0 ? "" : ",")
                .Append(JsonSerializer.Serialize(new { source = categories[i].Source, name = categories[i].Name, records = counts[i] }));
        }

        return Encoding.UTF8.GetBytes(json.Append("]}}").ToString());
    }

    public static string Record(string type, object fields)
    {
        var element = JsonSerializer.SerializeToElement(fields);
        var members = string.Join(',', element.EnumerateObject().Select(p => $"{JsonSerializer.Serialize(p.Name)}:{p.Value.GetRawText()}"));
        return $"{{\"type\":{JsonSerializer.Serialize(type)}{(members.Length > 0 ? "," + members : "")}}}";
    }

    public static PdfReportRenderer Renderer(params IReadOnlyList<SourceDescription> sources) =>
        new(new OrganisationOptions { Name = "Example Shop" }, sources, TimeZoneInfo.Utc, PdfReportRenderer.DefaultLogo());

    public static async Task<byte[]> RenderAsync(byte[] result, ReportRequest? request = null, params IReadOnlyList<SourceDescription> sources)
    {
        using var json = new MemoryStream(result);
        using var pdf = new MemoryStream();
        await Renderer(sources).RenderAsync(request ?? Request, json, Generated, pdf, CancellationToken.None);
        return pdf.ToArray();
    }

    /// <summary>Each page's text in reading order, lines joined by spaces.</summary>
    public static IReadOnlyList<string> PageTexts(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return [.. document.GetPages().Select(p => string.Join(' ', p.GetWords().Select(w => w.Text)))];
    }

    /// <summary>
    /// The values printed between header and footer of every page, without white space, field names or record
    /// headings (those are in the medium weight): a value wrapped over lines and pages is found whole.
    /// </summary>
    public static string CompactValues(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);

        // Letters in the order they were drawn, which is reading order here; words are grouped by position instead.
        var letters = document.GetPages().SelectMany(p => p.Letters)
            .Where(l => l.StartBaseLine.Y is > 60 and < 780 && l.FontName?.Contains("Medium", StringComparison.Ordinal) != true);
        return Compact(string.Concat(letters.Select(l => l.Value)));
    }

    /// <summary>All text without any white space, so a value wrapped over several lines is found whole.</summary>
    public static string Compact(IEnumerable<string> texts) => Compact(string.Concat(texts));

    public static string Compact(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
