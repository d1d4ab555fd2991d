using System.Text.Json;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources.Manual;

/// <summary>
/// A source searched by hand: the collector makes a task of it instead of querying it, and once the task is done copies
/// the records its assignee uploaded into the result (<see cref="WriteAsync"/>).
/// </summary>
public sealed class ManualSource(ManualSourceOptions options) : IDataSource
{
    /// <summary>Uploaded files (scanned letters and the like), one record each: name, content type, size and SHA-256.</summary>
    public static CategoryDescription FileCategory { get; } =
        new("file", "Files such as scanned letters, each listed by name, type, size and SHA-256; the files are kept with the result");

    public SourceDescription Description { get; } = options.Describe();

    public string Instructions => options.Instructions.Trim();

    public string Assignee => options.AssigneeName();

    public string RecordCategory => Description.Categories[0].Name;

    /// <summary>Never queried: its records come from its task's upload.</summary>
    public Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"Source '{Description.Key}' is searched by hand; its records come from its task.");

    /// <summary>
    /// Writes a task's stored upload — <c>{"records": [...], "files": [...]}</c> — into the source's two categories: the
    /// records keep their own <c>type</c> when they have one.
    /// </summary>
    public async Task WriteAsync(Stream upload, SourceOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(output);
        using var document = await JsonDocument.ParseAsync(upload, cancellationToken: cancellationToken);
        output.BeginCategory(RecordCategory);
        foreach (var record in document.RootElement.GetProperty("records").EnumerateArray())
        {
            await output.WriteRecordAsync(RecordCategory, record, cancellationToken);
        }

        output.BeginCategory(FileCategory.Name);
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            await output.WriteRecordAsync(FileCategory.Name, file, cancellationToken);
        }
    }
}
