using BenchmarkDotNet.Attributes;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;

namespace DataRequestPortal.Benchmarks;

/// <summary>
/// Collecting the 10,000-record benchmark subject from the platform store of a large set: into the source file
/// alone, and on to the finished result document.
/// </summary>
[MemoryDiagnoser]
public class PlatformCollectionBenchmarks
{
    public const int Records = 10_000;

    private readonly Subject subject = Subject.Create(SubjectType.Email, BenchmarkSubject.EmailFor(Records));
    private PlatformStoreSource source = null!;
    private string folder = null!;

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable(BenchmarkDatabase.PathVariable)
            ?? throw new InvalidOperationException($"{BenchmarkDatabase.PathVariable} names no database.");
        source = new PlatformStoreSource(new BenchmarkDatabase(path), new PlatformStoreOptions());
        folder = Directory.CreateTempSubdirectory("drp-benchmark-").FullName;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(folder, recursive: true);

    [Benchmark(Description = "Collect 10,000 records to the source file")]
    public Task<CollectedResult> Collect() => SubjectCollection.CollectAsync(source, subject, folder, writeResult: false);

    [Benchmark(Description = "Collect 10,000 records and write the result document")]
    public Task<CollectedResult> CollectAndWriteResult() => SubjectCollection.CollectAsync(source, subject, folder, writeResult: true);
}
