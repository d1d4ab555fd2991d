using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>What a source wrote for a subject, read back as the collector would hand it to the result document.</summary>
public sealed class SourceCollection : IDisposable
{
    private SourceCollection(JsonDocument document, IReadOnlyList<CategoryCount> categories, long bytes)
    {
        Document = document;
        Categories = categories;
        Bytes = bytes;
    }

    public JsonDocument Document { get; }

    /// <summary>The categories as the output counted them, in the order written.</summary>
    public IReadOnlyList<CategoryCount> Categories { get; }

    public long Bytes { get; }

    public static async Task<SourceCollection> CollectAsync(IDataSource source, Subject subject, CancellationToken cancellationToken = default)
    {
        using var stream = new MemoryStream();
        IReadOnlyList<CategoryCount> categories;
        await using (var output = new SourceOutput(stream, source.Description))
        {
            await source.CollectAsync(subject, output, cancellationToken);
            await output.CompleteAsync(cancellationToken);
            categories = [.. output.Categories];
        }

        return new SourceCollection(JsonDocument.Parse(stream.ToArray()), categories, stream.Length);
    }

    /// <summary>The records of a category, found by its position among the categories written.</summary>
    public IReadOnlyList<JsonElement> Records(string category)
    {
        var position = Categories.Select(c => c.Name).ToList().IndexOf(category);
        Assert.True(position >= 0, $"No category '{category}' was written.");
        return [.. Document.RootElement[position].EnumerateArray()];
    }

    /// <summary>The ids of a category's records, in the order written.</summary>
    public IReadOnlyList<long> Ids(string category) => [.. Records(category).Select(r => r.GetProperty("id").GetInt64())];

    public void Dispose() => Document.Dispose();
}
