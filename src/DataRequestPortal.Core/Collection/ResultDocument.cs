using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Writes the result document in the seeds' shape — <c>{"info": {"type", "id"}, "data": [[...], ...]}</c> — plus
/// a <c>meta</c> member whose <c>categories</c> name each inner array of <c>data</c> by position and whose <c>sources</c>
/// say where we looked. The sources'
/// files are copied through, never parsed, and the SHA-256 is taken of exactly the bytes written.
/// </summary>
public static class ResultDocument
{
    public const string NotAvailableText = "Data not available (yet).";

    /// <summary>Written as the sources write their records.</summary>
    public static JsonWriterOptions WriterOptions => SourceOutput.WriterOptions;

    /// <summary>The <c>info</c> member: the subject's type, and its address or numeric id.</summary>
    public static void WriteInfo(Utf8JsonWriter json, Subject subject)
    {
        json.WriteStartObject("info");
        json.WriteString("type", subject.Type.ToWireName());
        if (subject.Type == SubjectType.Email)
        {
            json.WriteString("id", subject.Identifier);
        }
        else
        {
            json.WriteNumber("id", long.Parse(subject.Identifier, CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
    }

    public static async Task<ResultFingerprint> WriteAsync(
        Stream destination,
        long requestId,
        Subject subject,
        DateTimeOffset generatedAt,
        IReadOnlyList<SourceSegment> segments,
        IReadOnlyList<SourceSearch> searches,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(searches);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var hashing = new HashingStream(destination, sha);

        await using (var head = new Utf8JsonWriter(hashing, WriterOptions))
        {
            head.WriteStartObject();
            WriteInfo(head, subject);
            head.WritePropertyName("data");
            head.WriteStartArray();
            await head.FlushAsync(cancellationToken);
        }

        var first = true;
        foreach (var segment in segments.Where(s => s.Categories.Count > 0))
        {
            if (!first)
            {
                await hashing.WriteAsync(","u8.ToArray(), cancellationToken);
            }

            await CopyInnerAsync(segment.File, hashing, cancellationToken);
            first = false;
        }

        await hashing.WriteAsync("],\"meta\":"u8.ToArray(), cancellationToken);
        await using (var tail = new Utf8JsonWriter(hashing, WriterOptions))
        {
            WriteMeta(tail, requestId, generatedAt, segments, searches);
            await tail.FlushAsync(cancellationToken);
        }

        await hashing.WriteAsync("}"u8.ToArray(), cancellationToken);
        await hashing.FlushAsync(cancellationToken);
        return new ResultFingerprint(hashing.Length, Convert.ToHexStringLower(sha.GetHashAndReset()));
    }

    private static void WriteMeta(Utf8JsonWriter json, long requestId, DateTimeOffset generatedAt, IReadOnlyList<SourceSegment> segments, IReadOnlyList<SourceSearch> searches)
    {
        json.WriteStartObject();
        json.WriteNumber("request", requestId);
        json.WriteString("generated", generatedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteStartArray("categories");
        foreach (var segment in segments)
        {
            foreach (var category in segment.Categories)
            {
                json.WriteStartObject();
                json.WriteString("source", segment.Source);
                json.WriteString("name", category.Name);
                json.WriteNumber("records", category.Records);
                json.WriteEndObject();
            }
        }

        json.WriteEndArray();

        // Where we looked: every configured source, searched or not, and what came of it.
        json.WriteStartArray("sources");
        foreach (var search in searches)
        {
            search.Write(json);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>A source's file is one JSON array of category arrays; the document wants the category arrays only.</summary>
    private static async Task CopyInnerAsync(string file, Stream destination, CancellationToken cancellationToken)
    {
        // Read in 64 KB pieces straight into a pooled buffer: the stream keeps no buffer of its own.
        await using var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, useAsync: true);
        var length = source.Length;
        if (length < 2)
        {
            throw new InvalidDataException($"Source file '{Path.GetFileName(file)}' is incomplete.");
        }

        source.Position = 1;
        var remaining = length - 2;
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            while (remaining > 0)
            {
                var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(64 * 1024, remaining)), cancellationToken);
                if (read == 0)
                {
                    throw new InvalidDataException($"Source file '{Path.GetFileName(file)}' ended early.");
                }

                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                remaining -= read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A finished source's file and the categories in it, in order.</summary>
public sealed record SourceSegment(string Source, string File, IReadOnlyList<CategoryCount> Categories);
