using System.Text.Json;
using DataRequestPortal.Core.Export;

namespace DataRequestPortal.Core.Review;

/// <summary>One field of a record as the reviewer reads it (the PDF's rows), and the JSON path a redaction replaces.</summary>
public sealed record ReviewField(string Name, string Value, string Path);

/// <summary>A record as the reviewer reads it: its place, its type, its fields, and the decisions on it.</summary>
public sealed record ReviewRecord(int Index, string? Type, IReadOnlyList<ReviewField> Fields, ReviewDecisionView? Withheld, IReadOnlyDictionary<string, ReviewDecisionView> Redacted);

/// <summary>A decision as a page shows it.</summary>
public sealed record ReviewDecisionView(string Reason, string DecidedBy, DateTimeOffset DecidedAt);

/// <summary>Records shown the way the PDF shows them, with the JSON path behind each row.</summary>
internal static class ReviewRecords
{
    /// <summary>
    /// The PDF's rows of a record. A row drawn from inside a value (a MIME message's headers and text) belongs to that
    /// value, so redacting it replaces the whole value.
    /// </summary>
    public static List<ReviewField> Fields(JsonElement record) =>
        [.. RecordFields.Of(record).Select(f => new ReviewField(f.Name, f.Value, PathOf(f.Name)))];

    public static string? TypeOf(JsonElement record) =>
        record.ValueKind == JsonValueKind.Object && record.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;

    public static bool Matches(JsonElement record, IReadOnlyList<ReviewField> fields, string? search) =>
        string.IsNullOrWhiteSpace(search)
        || fields.Any(f => f.Value.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase) || f.Name.Contains(search.Trim(), StringComparison.OrdinalIgnoreCase))
        || record.GetRawText().Contains(search.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string PathOf(string name)
    {
        var inside = name.IndexOf(" · ", StringComparison.Ordinal);
        return inside < 0 ? name : name[..inside];
    }
}
