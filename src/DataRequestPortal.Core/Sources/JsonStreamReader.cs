using System.Buffers;
using System.Text.Json;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// Reads a JSON document from a stream a token or a whole value at a time, so a document of any size passes
/// through while no more than its largest single value is held in memory. Malformed JSON becomes a
/// <see cref="DataSourceException"/> naming the source and the byte where the document went wrong.
/// </summary>
internal sealed class JsonStreamReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>Larger single values are refused rather than risking the process's memory.</summary>
    internal const int MaxValueBytes = 256 * 1024 * 1024;

    private readonly Stream stream;
    private readonly string sourceLabel;
    private byte[] buffer;
    private int start;
    private int end;
    private bool finalBlock;
    private JsonReaderState state;

    /// <param name="sourceLabel">How messages name the source, for example <c>HTTP source 'crm'</c>.</param>
    public JsonStreamReader(Stream stream, string sourceLabel)
    {
        this.stream = stream;
        this.sourceLabel = sourceLabel;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        state = new JsonReaderState(new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
    }

    /// <summary>Bytes of the document consumed so far.</summary>
    public long Position { get; private set; }

    /// <summary>The string value of the last token read, when it was a property name or a string.</summary>
    public string? Text { get; private set; }

    /// <summary>The type of the next token without consuming it; <see cref="JsonTokenType.None"/> at the end of the document.</summary>
    public async ValueTask<JsonTokenType> PeekAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryRead(consume: false, out var type))
            {
                return type;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Consumes the next token; <see cref="JsonTokenType.None"/> at the end of the document.</summary>
    public async ValueTask<JsonTokenType> ReadTokenAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryRead(consume: true, out var type))
            {
                return type;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Consumes the next value whole (an object, an array or a primitive).</summary>
    public async ValueTask<JsonElement> ReadValueAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (TryReadValue(out var value))
            {
                return value;
            }

            await FillAsync(cancellationToken);
        }
    }

    /// <summary>Consumes the next value without keeping it, token by token, so even a huge value costs no memory.</summary>
    public async ValueTask SkipValueAsync(CancellationToken cancellationToken)
    {
        var depth = 0;
        do
        {
            switch (await ReadTokenAsync(cancellationToken))
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    depth++;
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    depth--;
                    break;
                case JsonTokenType.None:
                    throw Malformed(Position, null);
            }
        }
        while (depth > 0);
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
    }

    private bool TryRead(bool consume, out JsonTokenType type)
    {
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), finalBlock, state);
        try
        {
            if (!reader.Read())
            {
                // At the end of the data a reader with nothing left means the document is complete.
                type = JsonTokenType.None;
                return finalBlock;
            }

            type = reader.TokenType;
            if (consume)
            {
                Text = type is JsonTokenType.PropertyName or JsonTokenType.String ? reader.GetString() : null;
                Commit(ref reader);
            }

            return true;
        }
        catch (JsonException ex)
        {
            throw Malformed(Position + reader.BytesConsumed, ex);
        }
    }

    private bool TryReadValue(out JsonElement value)
    {
        value = default;
        var reader = new Utf8JsonReader(buffer.AsSpan(start, end - start), finalBlock, state);
        try
        {
            if (!reader.Read())
            {
                return finalBlock ? throw Malformed(Position, null) : false;
            }

            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
            {
                // Parse only once the whole value is in the buffer; a copy of the reader finds its end.
                var probe = reader;
                try
                {
                    if (!probe.TrySkip())
                    {
                        return false;
                    }
                }
                catch (JsonException ex)
                {
                    throw Malformed(Position + probe.BytesConsumed, ex);
                }
            }

            value = JsonElement.ParseValue(ref reader);
            Commit(ref reader);
            return true;
        }
        catch (JsonException ex)
        {
            throw Malformed(Position + reader.BytesConsumed, ex);
        }
    }

    private void Commit(ref Utf8JsonReader reader)
    {
        var used = (int)reader.BytesConsumed;
        start += used;
        Position += used;
        state = reader.CurrentState;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (finalBlock)
        {
            throw Malformed(Position, null);
        }

        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            if (buffer.Length >= MaxValueBytes)
            {
                throw new DataSourceException($"{sourceLabel} returned a single value larger than {MaxValueBytes / (1024 * 1024)} MB at byte {Position}.");
            }

            var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxValueBytes));
            Buffer.BlockCopy(buffer, 0, larger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }

        // Hand over what has arrived as soon as it at least doubles what was waiting: records that trickle in are written
        // (and counted) as they come, while a large value arriving in many small reads is still scanned only a few times.
        var waiting = end;
        while (end < buffer.Length)
        {
            var read = await stream.ReadAsync(buffer.AsMemory(end), cancellationToken);
            if (read == 0)
            {
                finalBlock = true;
                return;
            }

            end += read;
            if (end - waiting >= waiting)
            {
                return;
            }
        }
    }

    private DataSourceException Malformed(long position, JsonException? cause) =>
        cause is null
            ? new DataSourceException($"{sourceLabel} returned malformed JSON: it ends early, at byte {position}.")
            : new DataSourceException($"{sourceLabel} returned malformed JSON at byte {position}.", cause);
}
