using System.Text.Json;

namespace DataRequestPortal.Core.Sources.Upstream;

/// <summary>
/// Merges an upstream result document into a source's output: each inner array of its <c>data</c> becomes one
/// category here, read one record at a time. The upstream's <c>meta</c> comes after <c>data</c>, so a category
/// is named after its first record's <c>type</c>, or after the source and its position when it is empty.
/// </summary>
internal static class UpstreamResult
{
    /// <summary>True when merged; false when the upstream says its data is not available yet (nothing is written then).</summary>
    public static async Task<bool> MergeAsync(Stream document, SourceOutput output, string key, string label, CancellationToken cancellationToken)
    {
        using var json = new JsonStreamReader(document, label);
        if (await json.ReadTokenAsync(cancellationToken) != JsonTokenType.StartObject)
        {
            throw new DataSourceException($"{label} answered a result that is not a JSON object.");
        }

        var merged = false;
        while (await json.ReadTokenAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            if (json.Text != "data" || merged)
            {
                await json.SkipValueAsync(cancellationToken);
                continue;
            }

            switch (await json.PeekAsync(cancellationToken))
            {
                case JsonTokenType.String:
                    await json.ReadTokenAsync(cancellationToken);
                    return json.Text is { } text && text.Trim().StartsWith("Data not available", StringComparison.OrdinalIgnoreCase)
                        ? false
                        : throw new DataSourceException($"{label} answered a result whose data is text instead of lists of records.");
                case JsonTokenType.StartArray:
                    await MergeCategoriesAsync(json, output, key, label, cancellationToken);
                    merged = true;
                    break;
                default:
                    throw new DataSourceException($"{label} answered a result whose data is not a list of lists of records.");
            }
        }

        // Reading on to the end finds anything after the document, which makes it malformed.
        await json.PeekAsync(cancellationToken);
        return merged ? true : throw new DataSourceException($"{label} answered a result without data.");
    }

    private static async Task MergeCategoriesAsync(JsonStreamReader json, SourceOutput output, string key, string label, CancellationToken cancellationToken)
    {
        await json.ReadTokenAsync(cancellationToken);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var position = 0; ; position++)
        {
            var next = await json.PeekAsync(cancellationToken);
            if (next == JsonTokenType.EndArray)
            {
                await json.ReadTokenAsync(cancellationToken);
                return;
            }

            if (next != JsonTokenType.StartArray)
            {
                throw new DataSourceException($"{label} answered a result whose data[{position}] is not a list of records.");
            }

            await json.ReadTokenAsync(cancellationToken);
            JsonElement? first = await json.PeekAsync(cancellationToken) == JsonTokenType.EndArray ? null : await json.ReadValueAsync(cancellationToken);
            var name = UniqueName(TypeOf(first) ?? $"{key}-{position + 1}", position, names);
            output.BeginCategory(name);
            var record = first;
            for (var index = 0; record is { } value; index++)
            {
                if (value.ValueKind != JsonValueKind.Object)
                {
                    throw new DataSourceException($"{label} answered a result whose data[{position}][{index}] is not a record (a JSON object).");
                }

                await output.WriteRecordAsync(name, value, cancellationToken);
                record = await json.PeekAsync(cancellationToken) == JsonTokenType.EndArray ? null : await json.ReadValueAsync(cancellationToken);
            }

            await json.ReadTokenAsync(cancellationToken);
        }
    }

    private static string? TypeOf(JsonElement? record) =>
        record is { ValueKind: JsonValueKind.Object } value
        && value.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.GetString() is { } name
        && !string.IsNullOrWhiteSpace(name)
            ? name
            : null;

    // Two upstream arrays of the same type stay apart in the result's meta.
    private static string UniqueName(string name, int position, HashSet<string> taken)
    {
        var candidate = name;
        for (var suffix = position + 1; !taken.Add(candidate); suffix++)
        {
            candidate = $"{name}-{suffix}";
        }

        return candidate;
    }
}
