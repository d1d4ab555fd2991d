using DataRequestPortal.Core;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Benchmarks;

/// <summary>What the collector does for one source: collect into a source file, then assemble the result document from it, with the same files.</summary>
public static class SubjectCollection
{
    public static async Task<CollectedResult> CollectAsync(IDataSource source, Subject subject, string folder, bool writeResult, CancellationToken cancellationToken = default)
    {
        var sourceFile = Path.Combine(folder, "platform.json");
        IReadOnlyList<CategoryCount> categories;
        long records, sourceBytes;
        await using (var stream = PrivateFiles.Create(sourceFile, FileMode.Create, buffered: false))
        await using (var output = new SourceOutput(stream, source.Description))
        {
            await source.CollectAsync(subject, output, cancellationToken);
            await output.CompleteAsync(cancellationToken);
            categories = [.. output.Categories];
            records = output.Records;
            sourceBytes = output.Bytes;
        }

        if (!writeResult)
        {
            return new CollectedResult(records, sourceBytes, 0);
        }

        await using var result = PrivateFiles.Create(Path.Combine(folder, "result.json"), FileMode.Create, buffered: false);
        var fingerprint = await ResultDocument.WriteAsync(
            result, 4_503_599_627_370_495, subject, DateTimeOffset.UtcNow, [new SourceSegment(source.Description.Key, sourceFile, categories)], [], cancellationToken);
        return new CollectedResult(records, sourceBytes, fingerprint.Bytes);
    }
}

public sealed record CollectedResult(long Records, long SourceBytes, long ResultBytes);
