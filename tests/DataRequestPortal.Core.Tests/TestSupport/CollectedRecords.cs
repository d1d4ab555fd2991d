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

    private CollectedRecords(IReadOnlyList<CategoryCount> categories, IReadOnlyList<IReadOnlyList<string>> records)
    {
        Categories = categories;
        Records = records;
    }

    /// <summary>The categories written, in order, with their counts.</summary>
    public IReadOnlyList<CategoryCount> Categories { get; }

    /// <summary>Per category, each record's compact JSON.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Records { get; }

    public IReadOnlyList<string> Names => [.. Categories.Select(c => c.Name)];

    public IReadOnlyList<string> In(string category) => Records[Names.ToList().IndexOf(category)];

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
        var records = document.RootElement.EnumerateArray()
            .Select(category => (IReadOnlyList<string>)[.. category.EnumerateArray().Select(Readable)])
            .ToList();
        return new CollectedRecords(categories, records);
    }

    /// <summary>Compact JSON with only the escaping JSON requires, so expected records read naturally in tests.</summary>
    public static string Readable(JsonElement record) => JsonSerializer.Serialize(record, ReadableJson);

    /// <summary>Runs the source and returns the fault it reported, for tests of failures.</summary>
    public static async Task<DataSourceException> FailureAsync(IDataSource source, Subject subject, CancellationToken cancellationToken = default) =>
        await Assert.ThrowsAsync<DataSourceException>(() => CollectAsync(source, subject, cancellationToken));
}
