using System.Text.Encodings.Web;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>What a source wrote for a subject, read back from its output as the result document will contain it.</summary>
public sealed class CollectedRecords
{
    private static readonly JsonSerializerOptions ReadableJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private CollectedRecords(IReadOnlyList<CategoryCount> categories, JsonElement root, long bytes)
    {
        Categories = categories;
        Root = root;
        Bytes = bytes;
    }

    /// <summary>The categories written, in order, with their counts.</summary>
    public IReadOnlyList<CategoryCount> Categories { get; }

    /// <summary>The source's whole output: an array with one array of records per category.</summary>
    public JsonElement Root { get; }

    public long Bytes { get; }

    public IReadOnlyList<string> Names => [.. Categories.Select(c => c.Name)];

    /// <summary>The records of a category, found by its position among the categories written.</summary>
    public IReadOnlyList<JsonElement> Records(string category)
    {
        var position = Names.ToList().IndexOf(category);
        Assert.True(position >= 0, $"No category '{category}' was written.");
        return [.. Root[position].EnumerateArray()];
    }

    /// <summary>Each record of a category as compact JSON.</summary>
    public IReadOnlyList<string> In(string category) => [.. Records(category).Select(Readable)];

    /// <summary>The ids of a category's records, in the order written.</summary>
    public IReadOnlyList<long> Ids(string category) => [.. Records(category).Select(r => r.GetProperty("id").GetInt64())];

    /// <summary>Runs the source as the collector does: collect, then complete the output.</summary>
    public static async Task<CollectedRecords> CollectAsync(IDataSource source, Subject subject, CancellationToken cancellationToken = default)
    {
        using var file = new MemoryStream();
        IReadOnlyList<CategoryCount> categories;
        await using (var output = new SourceOutput(file, source.Description))
        {
            await source.CollectAsync(subject, output, cancellationToken);
            await output.CompleteAsync(cancellationToken);
            categories = [.. output.Categories];
        }

        file.Position = 0;
        using var document = await JsonDocument.ParseAsync(file, cancellationToken: cancellationToken);
        return new CollectedRecords(categories, document.RootElement.Clone(), file.Length);
    }

    /// <summary>Compact JSON with only the escaping JSON requires, so expected records read naturally in tests.</summary>
    public static string Readable(JsonElement record) => JsonSerializer.Serialize(record, ReadableJson);

    /// <summary>Runs the source and returns the fault it reported, for tests of failures.</summary>
    public static async Task<DataSourceException> FailureAsync(IDataSource source, Subject subject, CancellationToken cancellationToken = default) =>
        await Assert.ThrowsAsync<DataSourceException>(() => CollectAsync(source, subject, cancellationToken));
}
