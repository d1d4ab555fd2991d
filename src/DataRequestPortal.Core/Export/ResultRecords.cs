using System.Runtime.CompilerServices;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Export;

/// <summary>One inner array of a result's <c>data</c>, as <c>meta.categories</c> names it.</summary>
internal sealed record ResultCategory(string Source, string Name, long Records);

/// <summary>What a review held back from one category for one reason (<c>meta.withheld</c>): counts, never content.</summary>
internal sealed record ResultWithheld(string Category, string Reason, long Records, long Fields);

/// <summary>
/// What a result document's <c>meta</c> says: the categories of <c>data</c>, where we looked, and what a review withheld
/// (null when the document was not reviewed).
/// </summary>
internal sealed record ResultSummary(IReadOnlyList<ResultCategory> Categories, IReadOnlyList<SourceSearch> Searches, IReadOnlyList<ResultWithheld>? Withheld);

/// <summary>Reads a result document's <c>meta</c> (categories, sources, withheld), skipping over <c>data</c> without keeping it.</summary>
internal static class ResultCategories
{
    public static async Task<IReadOnlyList<ResultCategory>> ReadAsync(Stream json, CancellationToken cancellationToken) =>
        (await ReadSummaryAsync(json, cancellationToken)).Categories;

    public static async Task<ResultSummary> ReadSummaryAsync(Stream json, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResultWithheld>? withheld = null;
        using var reader = new JsonStreamReader(json, "The result document");
        Expect(await reader.ReadTokenAsync(cancellationToken), JsonTokenType.StartObject);
        var dataArrays = 0;
        List<ResultCategory>? named = null;
        List<SourceSearch> searches = [];
        while (await reader.ReadTokenAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            switch (reader.Text)
            {
                case "data":
                    dataArrays = await CountArraysAsync(reader, cancellationToken);
                    break;
                case "meta":
                    var meta = await reader.ReadValueAsync(cancellationToken);
                    named = Categories(meta);
                    withheld = Withheld(meta);
                    searches = Searches(meta);
                    break;
                default:
                    await reader.SkipValueAsync(cancellationToken);
                    break;
            }
        }

        named ??= [];

        // Every inner array gets a section, named or not, so nothing in data goes unprinted.
        for (var i = named.Count; i < dataArrays; i++)
        {
            named.Add(new ResultCategory("", $"Category {i + 1}", 0));
        }

        return new ResultSummary(named.Count > dataArrays ? named[..dataArrays] : named, searches, withheld);
    }

    private static List<SourceSearch> Searches(JsonElement meta) =>
        meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty("sources", out var sources) && sources.ValueKind == JsonValueKind.Array
            ? [.. sources.EnumerateArray().Select(SourceSearch.Read).OfType<SourceSearch>()]
            : [];

    internal static void Expect(JsonTokenType actual, JsonTokenType expected)
    {
        if (actual != expected)
        {
            throw new InvalidDataException($"The result document is not in the expected shape: found {actual} where {expected} belongs.");
        }
    }

    private static async Task<int> CountArraysAsync(JsonStreamReader reader, CancellationToken cancellationToken)
    {
        Expect(await reader.ReadTokenAsync(cancellationToken), JsonTokenType.StartArray);
        var count = 0;
        while (await reader.PeekAsync(cancellationToken) != JsonTokenType.EndArray)
        {
            await reader.SkipValueAsync(cancellationToken);
            count++;
        }

        await reader.ReadTokenAsync(cancellationToken);
        return count;
    }

    private static List<ResultCategory> Categories(JsonElement meta)
    {
        var list = new List<ResultCategory>();
        if (meta.ValueKind != JsonValueKind.Object || !meta.TryGetProperty("categories", out var categories) || categories.ValueKind != JsonValueKind.Array)
        {
            return list;
        }

        foreach (var category in categories.EnumerateArray())
        {
            list.Add(new ResultCategory(
                Text(category, "source") ?? "",
                Text(category, "name") ?? $"Category {list.Count + 1}",
                category.TryGetProperty("records", out var records) && records.TryGetInt64(out var count) ? count : 0));
        }

        return list;
    }

    private static List<ResultWithheld>? Withheld(JsonElement meta)
    {
        if (meta.ValueKind != JsonValueKind.Object || !meta.TryGetProperty("withheld", out var withheld) || withheld.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        return [.. withheld.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object).Select(w => new ResultWithheld(
            Text(w, "category") ?? "",
            Text(w, "reason") ?? "",
            w.TryGetProperty("records", out var records) && records.TryGetInt64(out var r) ? r : 0,
            w.TryGetProperty("fields", out var fields) && fields.TryGetInt64(out var f) ? f : 0))];
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>A result document's records, one category after the other, one record in memory at a time.</summary>
internal sealed class ResultRecords(Stream json) : IAsyncDisposable
{
    private readonly JsonStreamReader reader = new(json, "The result document");
    private bool inData;
    private bool done;

    /// <summary>The end of <c>data</c> was reached: the last <see cref="NextCategoryAsync"/> found no further category.</summary>
    public bool Finished => done;

    public async IAsyncEnumerable<JsonElement> NextCategoryAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (!inData)
        {
            await FindDataAsync(cancellationToken);
        }

        if (done)
        {
            yield break;
        }

        var token = await reader.ReadTokenAsync(cancellationToken);
        if (token == JsonTokenType.EndArray)
        {
            done = true;
            yield break;
        }

        ResultCategories.Expect(token, JsonTokenType.StartArray);
        while (await reader.PeekAsync(cancellationToken) != JsonTokenType.EndArray)
        {
            yield return await reader.ReadValueAsync(cancellationToken);
        }

        await reader.ReadTokenAsync(cancellationToken);
    }

    public ValueTask DisposeAsync()
    {
        reader.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task FindDataAsync(CancellationToken cancellationToken)
    {
        inData = true;
        ResultCategories.Expect(await reader.ReadTokenAsync(cancellationToken), JsonTokenType.StartObject);
        while (await reader.ReadTokenAsync(cancellationToken) == JsonTokenType.PropertyName)
        {
            if (reader.Text == "data")
            {
                ResultCategories.Expect(await reader.ReadTokenAsync(cancellationToken), JsonTokenType.StartArray);
                return;
            }

            await reader.SkipValueAsync(cancellationToken);
        }

        done = true;
    }
}
