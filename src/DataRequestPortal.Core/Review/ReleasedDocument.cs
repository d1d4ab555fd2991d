using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Review;

/// <summary>A reason as the released document and the subject read it.</summary>
public sealed record ReleaseReason(string Label, string Marker);

/// <summary>
/// Writes the released document from the collected original and the reviewers' decisions: the seeds' shape, withheld
/// records left out, redacted values replaced by <c>[withheld: marker]</c>, <c>meta.categories</c> counting what is
/// released and <c>meta.withheld</c> saying per category and reason how much was held back — never what.
/// </summary>
public static class ReleasedDocument
{
    /// <summary>What replaces a redacted value.</summary>
    public static string Marker(ReleaseReason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return $"[withheld: {reason.Marker}]";
    }

    /// <summary>Writes the released document to <paramref name="destination"/> and returns its size and SHA-256.</summary>
    public static async Task<ReleasedSummary> WriteAsync(
        Stream original,
        Stream destination,
        IReadOnlyCollection<ReviewDecision> decisions,
        Func<ReviewDecision, ReleaseReason> reasonOf,
        DateTimeOffset releasedAt,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(reasonOf);

        var (info, meta) = await ReadHeadAsync(original, cancellationToken);
        original.Position = 0;
        var named = meta is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty("categories", out var c) && c.ValueKind == JsonValueKind.Array
            ? c.EnumerateArray().ToList()
            : [];

        var withheld = decisions.Where(d => d.WithholdsRecord).ToDictionary(d => (d.Category, d.Record));
        var redacted = decisions.Where(d => !d.WithholdsRecord && !withheld.ContainsKey((d.Category, d.Record)))
            .GroupBy(d => (d.Category, d.Record))
            .ToDictionary(g => g.Key, g => g.ToDictionary(d => d.Field, StringComparer.Ordinal));

        var released = new List<long>();
        var counts = new Dictionary<(int Category, string Reason), (long Records, long Fields)>();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes;
        await using (var hashing = new HashingStream(destination, sha))
        {
            await using (var json = new Utf8JsonWriter(hashing, ResultDocument.WriterOptions))
            {
                json.WriteStartObject();
                json.WritePropertyName("info");
                info.WriteTo(json);
                json.WriteStartArray("data");
                await using (var records = new ResultRecords(original))
                {
                    for (var category = 0; ; category++)
                    {
                        var index = 0;
                        long kept = 0;
                        var started = false;
                        await foreach (var record in records.NextCategoryAsync(cancellationToken))
                        {
                            if (!started)
                            {
                                json.WriteStartArray();
                                started = true;
                            }

                            var key = (category, index++);
                            if (withheld.TryGetValue(key, out var whole))
                            {
                                Count(counts, category, reasonOf(whole).Label, records: 1, fields: 0);
                                continue;
                            }

                            if (redacted.TryGetValue(key, out var fields))
                            {
                                WriteRedacted(json, record, "", fields, d => Marker(reasonOf(d)));
                                foreach (var field in fields.Values)
                                {
                                    Count(counts, category, reasonOf(field).Label, records: 0, fields: 1);
                                }
                            }
                            else
                            {
                                record.WriteTo(json);
                            }

                            kept++;
                            if (json.BytesPending > 64 * 1024)
                            {
                                await json.FlushAsync(cancellationToken);
                            }
                        }

                        if (records.Finished)
                        {
                            break;
                        }

                        if (!started)
                        {
                            json.WriteStartArray();
                        }

                        json.WriteEndArray();
                        released.Add(kept);
                    }
                }

                json.WriteEndArray();
                json.WritePropertyName("meta");
                WriteMeta(json, meta, named, released, counts, releasedAt);
                json.WriteEndObject();
                await json.FlushAsync(cancellationToken);
            }

            bytes = hashing.Length;
        }

        var withheldList = counts.OrderBy(k => k.Key.Category).ThenBy(k => k.Key.Reason, StringComparer.Ordinal)
            .Select(k => new WithheldCount(CategoryName(named, k.Key.Category), k.Key.Reason, k.Value.Records, k.Value.Fields))
            .ToList();
        return new ReleasedSummary(new ResultFingerprint(bytes, Convert.ToHexStringLower(sha.GetHashAndReset())), withheldList);
    }

    private static void Count(Dictionary<(int, string), (long Records, long Fields)> counts, int category, string reason, long records, long fields)
    {
        counts.TryGetValue((category, reason), out var now);
        counts[(category, reason)] = (now.Records + records, now.Fields + fields);
    }

    private static string CategoryName(List<JsonElement> named, int category) =>
        category < named.Count && named[category].TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
            ? name.GetString()!
            : string.Create(CultureInfo.InvariantCulture, $"Category {category + 1}");

    private static void WriteMeta(
        Utf8JsonWriter json, JsonElement? meta, List<JsonElement> named, List<long> released, Dictionary<(int Category, string Reason), (long Records, long Fields)> counts, DateTimeOffset releasedAt)
    {
        json.WriteStartObject();
        if (meta is { ValueKind: JsonValueKind.Object } original)
        {
            foreach (var property in original.EnumerateObject())
            {
                if (property.NameEquals("categories") || property.NameEquals("withheld") || property.NameEquals("released"))
                {
                    continue;
                }

                property.WriteTo(json);
            }
        }

        json.WriteStartArray("categories");
        for (var i = 0; i < released.Count; i++)
        {
            json.WriteStartObject();
            if (i < named.Count)
            {
                foreach (var property in named[i].EnumerateObject().Where(p => !p.NameEquals("records")))
                {
                    property.WriteTo(json);
                }
            }
            else
            {
                json.WriteString("name", CategoryName(named, i));
            }

            json.WriteNumber("records", released[i]);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("released", releasedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartArray("withheld");
        foreach (var ((category, reason), (records, fields)) in counts.OrderBy(k => k.Key.Category).ThenBy(k => k.Key.Reason, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            if (category < named.Count && named[category].TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.String)
            {
                json.WriteString("source", source.GetString());
            }

            json.WriteString("category", CategoryName(named, category));
            json.WriteString("reason", reason);
            json.WriteNumber("records", records);
            json.WriteNumber("fields", fields);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Copies a value, replacing each value whose path (named as <see cref="ReviewRecords"/> names fields) is redacted.</summary>
    private static void WriteRedacted(Utf8JsonWriter json, JsonElement value, string path, Dictionary<string, ReviewDecision> fields, Func<ReviewDecision, string> marker)
    {
        if (path.Length > 0 && fields.TryGetValue(path, out var decision))
        {
            json.WriteStringValue(marker(decision));
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                json.WriteStartObject();
                foreach (var property in value.EnumerateObject())
                {
                    json.WritePropertyName(property.Name);
                    WriteRedacted(json, property.Value, path.Length == 0 ? property.Name : path + "." + property.Name, fields, marker);
                }

                json.WriteEndObject();
                break;
            case JsonValueKind.Array:
                json.WriteStartArray();
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    WriteRedacted(json, item, string.Create(CultureInfo.InvariantCulture, $"{path}[{index++}]"), fields, marker);
                }

                json.WriteEndArray();
                break;
            default:
                value.WriteTo(json);
                break;
        }
    }

    private static async Task<(JsonElement Info, JsonElement? Meta)> ReadHeadAsync(Stream original, CancellationToken cancellationToken)
    {
        using var reader = new JsonStreamReader(original, "The collected result");
        ResultCategories.Expect(await reader.ReadTokenAsync(cancellationToken), JsonTokenType.StartObject);
        JsonElement? info = null;
        JsonElement? meta = null;
        while (await reader.ReadTokenAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            switch (reader.Text)
            {
                case "info":
                    info = await reader.ReadValueAsync(cancellationToken);
                    break;
                case "meta":
                    meta = await reader.ReadValueAsync(cancellationToken);
                    break;
                default:
                    await reader.SkipValueAsync(cancellationToken);
                    break;
            }
        }

        return (info ?? throw new InvalidDataException("The collected result has no info member."), meta);
    }
}

/// <summary>How much was held back from one category for one reason: whole records, and fields of records released.</summary>
public sealed record WithheldCount(string Category, string Reason, long Records, long Fields);

/// <summary>The released document's fingerprint, and what was held back.</summary>
public sealed record ReleasedSummary(ResultFingerprint Fingerprint, IReadOnlyList<WithheldCount> Withheld);
