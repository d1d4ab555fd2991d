using System.Text.Encodings.Web;
using System.Text.Json;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// Where a source writes its records: straight to a file, one category at a time, so a subject with hundreds of
/// thousands of records never sits in memory. The file holds a JSON array of the source's category arrays; the
/// result document is assembled from these files once every source has finished.
/// </summary>
public sealed class SourceOutput : IAsyncDisposable
{
    private const int FlushThreshold = 64 * 1024;

    /// <summary>
    /// Escapes only what JSON requires, so mail bodies and names in any script stay readable in the download.
    /// The document is never embedded in HTML, where the default's extra escaping would matter.
    /// </summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Utf8JsonWriter json;
    private readonly SourceDescription source;
    /// <summary>Told the records and bytes so far after every record; it must be cheap (the collector keeps them in memory).</summary>
    private readonly Action<long, long>? progress;
    private readonly List<CategoryCount> categories = [];
    private bool categoryOpen;
    private bool completed;

    public SourceOutput(Stream destination, SourceDescription source, Action<long, long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(destination);
        this.source = source ?? throw new ArgumentNullException(nameof(source));
        this.progress = progress;
        json = new Utf8JsonWriter(destination, WriterOptions);
        json.WriteStartArray();
    }

    /// <summary>Records written so far, over all categories.</summary>
    public long Records { get; private set; }

    /// <summary>Bytes of JSON written so far.</summary>
    public long Bytes => json.BytesCommitted + json.BytesPending;

    /// <summary>The categories written, in order, with their record counts.</summary>
    public IReadOnlyList<CategoryCount> Categories => categories;

    /// <summary>
    /// Starts the next category. A source with fixed categories names them in the order it declared (skipped
    /// ones are written empty); a source without names any category not yet written.
    /// </summary>
    public void BeginCategory(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        EnsureWritable();
        if (source.HasFixedCategories)
        {
            var position = IndexOf(name);
            if (position < 0)
            {
                throw new InvalidOperationException($"Source '{source.Key}' did not declare a category '{name}'.");
            }

            if (position < categories.Count)
            {
                throw new InvalidOperationException($"Source '{source.Key}' wrote category '{name}' out of order or twice.");
            }

            CloseCategory();
            while (categories.Count < position)
            {
                OpenCategory(source.Categories[categories.Count].Name);
                CloseCategory();
            }
        }
        else
        {
            if (categories.Any(c => string.Equals(c.Name, name, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"Source '{source.Key}' wrote category '{name}' twice.");
            }

            CloseCategory();
        }

        OpenCategory(name);
    }

    /// <summary>Starts a record of the current category: an object whose first member is <c>type</c>. Write its other members, then call <see cref="EndRecordAsync"/>.</summary>
    public Utf8JsonWriter BeginRecord(string type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        EnsureWritable();
        if (!categoryOpen)
        {
            throw new InvalidOperationException("Begin a category before writing records.");
        }

        json.WriteStartObject();
        json.WriteString("type", type);
        return json;
    }

    public async ValueTask EndRecordAsync(CancellationToken cancellationToken)
    {
        json.WriteEndObject();
        Records++;
        categories[^1] = categories[^1] with { Records = categories[^1].Records + 1 };
        if (json.BytesPending >= FlushThreshold)
        {
            await json.FlushAsync(cancellationToken);
        }

        // Every record counts at once, not at the next flush: a slow source's few records must show while it still runs.
        progress?.Invoke(Records, Bytes);
    }

    /// <summary>
    /// Writes a record received from elsewhere. It must be a JSON object; its own <c>type</c> is kept when it is a
    /// string, otherwise <paramref name="defaultType"/> is used.
    /// </summary>
    public ValueTask WriteRecordAsync(string defaultType, JsonElement record, CancellationToken cancellationToken)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"Source '{source.Key}' returned a {record.ValueKind.ToString().ToLowerInvariant()} where a record (a JSON object) was expected.");
        }

        var type = record.TryGetProperty("type", out var own) && own.ValueKind == JsonValueKind.String && own.GetString() is { Length: > 0 } named
            ? named
            : defaultType;
        var writer = BeginRecord(type);
        foreach (var member in record.EnumerateObject())
        {
            if (member.NameEquals("type"))
            {
                continue;
            }

            member.WriteTo(writer);
        }

        return EndRecordAsync(cancellationToken);
    }

    /// <summary>Closes the last category, writes any declared ones not yet written, and flushes.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        EnsureWritable();
        CloseCategory();
        if (source.HasFixedCategories)
        {
            while (categories.Count < source.Categories.Count)
            {
                OpenCategory(source.Categories[categories.Count].Name);
                CloseCategory();
            }
        }

        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        completed = true;
        progress?.Invoke(Records, Bytes);
    }

    public ValueTask DisposeAsync() => json.DisposeAsync();

    private int IndexOf(string name)
    {
        for (var i = 0; i < source.Categories.Count; i++)
        {
            if (string.Equals(source.Categories[i].Name, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private void OpenCategory(string name)
    {
        json.WriteStartArray();
        categories.Add(new CategoryCount(name, 0));
        categoryOpen = true;
    }

    private void CloseCategory()
    {
        if (categoryOpen)
        {
            json.WriteEndArray();
            categoryOpen = false;
        }
    }

    private void EnsureWritable()
    {
        if (completed)
        {
            throw new InvalidOperationException("This output is complete.");
        }
    }
}

/// <summary>A category as written: its name and how many records it holds.</summary>
public sealed record CategoryCount(string Name, long Records);
