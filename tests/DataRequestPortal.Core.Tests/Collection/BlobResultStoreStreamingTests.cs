using System.Globalization;
using System.Security.Cryptography;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Tests.TestSupport;
using Xunit.Abstractions;

namespace DataRequestPortal.Core.Tests.Collection;

/// <summary>Measures this process's allocations, so it runs with no other test beside it.</summary>
[CollectionDefinition(nameof(BlobResultStoreStreamingTests), DisableParallelization = true)]
public sealed class AloneCollection;

[Collection(nameof(BlobResultStoreStreamingTests))]
public class BlobResultStoreStreamingTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Records = 100_000;

    [Fact]
    public async Task LargeResult_IsUploadedAndDownloadedInPieces_NeverHeldInMemoryWhole()
    {
        var local = Path.Combine(Path.GetTempPath(), "drp-tests", "store-" + Guid.NewGuid().ToString("N"));
        var store = new BlobResultStore(new ResultBlobOptions { ConnectionString = azurite.Server.ConnectionString, Container = AzuriteServer.NewContainerName() }, local);
        var file = store.NewResultFile(41);
        byte[] written;
        await using (var stream = new FileStream(file, FileMode.CreateNew))
        await using (var hashing = new CryptoStream(stream, SHA256.Create(), CryptoStreamMode.Write, leaveOpen: true))
        {
            await WriteResultAsync(hashing);
        }

        await using (var check = File.OpenRead(file))
        {
            written = await SHA256.HashDataAsync(check);
        }

        var size = new FileInfo(file).Length;
        await store.EnsureReadyAsync();

        var before = GC.GetTotalAllocatedBytes(precise: true);
        await store.PublishAsync(41, file);
        var afterUpload = GC.GetTotalAllocatedBytes(precise: true);
        byte[] read;
        long length;
        await using (var content = (await store.OpenReadAsync(41))!)
        {
            length = content.Length;
            read = await SHA256.HashDataAsync(content);
        }

        var afterDownload = GC.GetTotalAllocatedBytes(precise: true);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result {size:N0} bytes; allocated uploading {afterUpload - before:N0}, downloading {afterDownload - afterUpload:N0}"));

        Assert.Equal(size, length);
        Assert.Equal(written, read);
        Assert.True(size > 10_000_000, $"the result is {size} bytes");
        // Held whole, the result would take at least its own size. In pieces it takes the 1 MiB pieces in flight, and
        // more of them when the shared array pool has none to lend (2.5–4.8 MB uploading, measured alone): half the size
        // tells the two apart with room for that.
        Assert.True(afterUpload - before < size / 2, $"uploading {size:N0} bytes allocated {afterUpload - before:N0}");
        Assert.True(afterDownload - afterUpload < size / 2, $"downloading {size:N0} bytes allocated {afterDownload - afterUpload:N0}");
    }

    /// <summary>A result document of the seeds' shape with <see cref="Records"/> opens and clicks.</summary>
    private static async Task WriteResultAsync(Stream stream)
    {
        await using var writer = new StreamWriter(stream, leaveOpen: true);
        await writer.WriteAsync("""{"info":{"type":"email","id":"jane.doe@example.com"},"data":[[""");
        for (var i = 0; i < Records; i++)
        {
            await writer.WriteAsync(string.Create(
                CultureInfo.InvariantCulture,
                $$"""{{(i == 0 ? "" : ",")}}{"type":"{{(i % 2 == 0 ? "open" : "click")}}","time":"2026-01-{{1 + (i % 28):00}} 10:{{i % 60:00}}:00","ip":"192.0.2.{{i % 250}}","agent":"Mozilla/5.0 (X11; Linux x86_64) record {{i}}","url":"https://example.com/newsletter/{{i}}"}"""));
        }

        await writer.WriteAsync("]]}");
    }
}
