using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Collection;

/// <summary>One file a manual task's assignee uploads: its name as they chose it, its content type and its content.</summary>
public sealed record UploadedFile(string Name, string ContentType, Stream Content);

/// <summary>An upload the portal will not take; the message says why, and nothing was stored.</summary>
public sealed class ManualUploadException(string message) : Exception(message);

/// <summary>
/// Reads what a manual task's assignee uploads: a <c>.json</c> file holding a JSON array of records (objects), a
/// <c>.csv</c> file whose header names the fields of each row's record, or files such as scanned letters, each listed as
/// a record with its name, type, size and SHA-256 and kept beside the result. Everything is checked before anything is
/// kept: a bad upload changes nothing.
/// </summary>
public static class ManualUploads
{
    /// <summary>The records and the files' descriptions, as <c>{"records": [...], "files": [...]}</c>, in the task's folder.</summary>
    public const string UploadFile = "upload.json";

    /// <summary>All files of one upload together.</summary>
    public const long MaxBytes = 25 * 1024 * 1024;

    public const int MaxFiles = 20;

    /// <summary>Files kept as they are (scans, photos, letters, mails), by extension.</summary>
    public static IReadOnlyList<string> FileTypes { get; } = [".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".gif", ".txt", ".eml"];

    /// <summary>
    /// Checks and writes an upload into <paramref name="folder"/> (created, and removed again when the upload is refused);
    /// returns the number of records and of files.
    /// </summary>
    /// <exception cref="ManualUploadException">The upload is empty, too large, of a type not taken, or not readable; the message says which file and why.</exception>
    public static async Task<(long Records, int Files)> WriteAsync(IReadOnlyList<UploadedFile> files, string folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 0)
        {
            throw new ManualUploadException("Choose at least one file: a JSON array of records, a CSV file, or files such as scanned letters.");
        }

        if (files.Count > MaxFiles)
        {
            throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"At most {MaxFiles} files at once; this upload has {files.Count}."));
        }

        PrivateFiles.CreateFolder(folder);
        try
        {
            return await WriteCheckedAsync(files, folder, cancellationToken);
        }
        catch
        {
            Directory.Delete(folder, recursive: true);
            throw;
        }
    }

    private static async Task<(long Records, int Files)> WriteCheckedAsync(IReadOnlyList<UploadedFile> files, string folder, CancellationToken cancellationToken)
    {
        var records = new List<JsonElement>();
        var described = new List<object>();
        long total = 0;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file.Name?.Trim() ?? "");
            if (name.Length == 0)
            {
                throw new ManualUploadException("A file has no name; choose it again.");
            }

            var content = await ReadLimitedAsync(file.Content, MaxBytes - total, cancellationToken)
                ?? throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"The upload is larger than {MaxBytes / (1024 * 1024)} MB, the most one upload may hold ('{name}' goes over it). Upload the files in parts, or as smaller scans."));
            total += content.Length;
            var extension = Path.GetExtension(name).ToLowerInvariant();
            switch (extension)
            {
                case ".json":
                    records.AddRange(ReadJson(name, content));
                    break;
                case ".csv":
                    records.AddRange(ReadCsv(name, content));
                    break;
                default:
                    if (!FileTypes.Contains(extension))
                    {
                        throw new ManualUploadException(
                            $"'{name}' is not a type the portal takes. Upload records as .json or .csv, or files as {string.Join(", ", FileTypes)}.");
                    }

                    if (content.Length == 0)
                    {
                        throw new ManualUploadException($"'{name}' is empty.");
                    }

                    var stored = string.Create(CultureInfo.InvariantCulture, $"{described.Count + 1}{extension}");
                    await using (var output = PrivateFiles.Create(Path.Combine(folder, stored), FileMode.CreateNew))
                    {
                        await output.WriteAsync(content, cancellationToken);
                    }

                    described.Add(new
                    {
                        name,
                        contentType = string.IsNullOrWhiteSpace(file.ContentType) ? "application/octet-stream" : file.ContentType.Trim(),
                        size = content.LongLength,
                        sha256 = Convert.ToHexStringLower(SHA256.HashData(content)),
                    });
                    break;
            }
        }

        await using (var output = PrivateFiles.Create(Path.Combine(folder, UploadFile), FileMode.CreateNew))
        await using (var json = new Utf8JsonWriter(output, SourceOutput.WriterOptions))
        {
            json.WriteStartObject();
            json.WriteStartArray("records");
            foreach (var record in records)
            {
                record.WriteTo(json);
            }

            json.WriteEndArray();
            json.WritePropertyName("files");
            JsonSerializer.Serialize(json, described);
            json.WriteEndObject();
        }

        return (records.Count + described.Count, described.Count);
    }

    private static async Task<byte[]?> ReadLimitedAsync(Stream content, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static List<JsonElement> ReadJson(string name, byte[] content)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(content);
        }
        catch (JsonException ex)
        {
            throw new ManualUploadException($"'{name}' is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}). Upload a JSON array of records such as [{{\"field\": \"value\"}}].");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ManualUploadException($"'{name}' holds a JSON {Kind(document.RootElement)}; upload a JSON array of records such as [{{\"field\": \"value\"}}].");
            }

            var list = new List<JsonElement>();
            var position = 0;
            foreach (var record in document.RootElement.EnumerateArray())
            {
                position++;
                if (record.ValueKind != JsonValueKind.Object)
                {
                    throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"Item {position} of '{name}' is a JSON {Kind(record)}; every record must be an object such as {{\"field\": \"value\"}}."));
                }

                list.Add(record.Clone());
            }

            return list;
        }
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "true or false",
        _ => "null",
    };

    /// <summary>RFC 4180 CSV: comma-separated, fields in double quotes may hold commas, quotes ("") and line breaks.</summary>
    private static List<JsonElement> ReadCsv(string name, byte[] content)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            throw new ManualUploadException($"'{name}' is not UTF-8 text; save it as CSV (UTF-8) and upload it again.");
        }

        var rows = CsvRows(name, text);
        if (rows.Count == 0)
        {
            throw new ManualUploadException($"'{name}' is empty; its first line must name the columns.");
        }

        var header = rows[0].Select(h => h.Trim()).ToList();
        for (var i = 0; i < header.Count; i++)
        {
            if (header[i].Length == 0)
            {
                throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"Column {i + 1} of '{name}' has no name in the first line."));
            }

            if (header.IndexOf(header[i]) != i)
            {
                throw new ManualUploadException($"'{name}' names the column '{header[i]}' twice.");
            }
        }

        var list = new List<JsonElement>();
        for (var row = 1; row < rows.Count; row++)
        {
            if (rows[row].Count == 1 && rows[row][0].Length == 0)
            {
                continue;
            }

            if (rows[row].Count != header.Count)
            {
                throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"Row {row + 1} of '{name}' has {rows[row].Count} values, but the first line names {header.Count} columns."));
            }

            var record = new Dictionary<string, string>();
            for (var i = 0; i < header.Count; i++)
            {
                record[header[i]] = rows[row][i];
            }

            list.Add(JsonSerializer.SerializeToElement(record));
        }

        return list;
    }

    private static List<List<string>> CsvRows(string name, string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var line = 1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                line++;
            }
            else if (c == '"')
            {
                throw new ManualUploadException(string.Create(CultureInfo.InvariantCulture, $"Line {line} of '{name}' has a quote inside a value that is not in quotes; put the value in double quotes and double the quote (\"\")."));
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new ManualUploadException($"'{name}' ends inside a quoted value; a closing double quote is missing.");
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
