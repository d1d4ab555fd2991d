using System.Globalization;
using Azure;
using Azure.Storage;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Results in a private Azure Blob Storage container (<c>Results:Store</c> = <c>AzureBlob</c>), shared by every portal
/// process: the blobs <c>{id}.json</c>, <c>{id}.original.json</c>, <c>{id}.pdf</c> and <c>manual/{id}/{task}/…</c>. The
/// container is made when it is missing, never with public access, and refused when someone opened it to the public.
/// A document is uploaded from its local file in blocks and appears only when the last is committed, so readers see
/// all of it or nothing; reads stream it in pieces.
/// </summary>
public sealed class BlobResultStore : ResultStore
{
    // Uploads go in blocks of this size, and reads fetch this much at a time: what one transfer holds in memory.
    private const int Piece = 1024 * 1024;

    private readonly Lock gate = new();

    private Task? ready;

    public BlobResultStore(ResultBlobOptions options, string localRoot)
        : base(localRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        Container = new BlobContainerClient(options.ConnectionString, options.Container);
    }

    /// <summary>The container the results are in.</summary>
    public BlobContainerClient Container { get; }

    public override Task<Stream?> OpenReadAsync(long requestId, CancellationToken cancellationToken = default) => OpenAsync(ResultName(requestId), cancellationToken);

    public override async Task<long?> SizeOfAsync(long requestId, CancellationToken cancellationToken = default)
    {
        var blob = await BlobAsync(ResultName(requestId), cancellationToken);
        try
        {
            return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public override async Task PublishAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default)
    {
        await DeleteBlobAsync(ReportName(requestId), cancellationToken);
        await UploadAsync(ResultName(requestId), finishedFile, JsonContentType, cancellationToken);
    }

    public override Task PublishOriginalAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default) =>
        UploadAsync(OriginalName(requestId), finishedFile, JsonContentType, cancellationToken);

    public override Task<Stream?> OpenOriginalAsync(long requestId, CancellationToken cancellationToken = default) => OpenAsync(OriginalName(requestId), cancellationToken);

    public override Task<bool> OriginalExistsAsync(long requestId, CancellationToken cancellationToken = default) => BlobExistsAsync(OriginalName(requestId), cancellationToken);

    public override Task DeleteOriginalAsync(long requestId, CancellationToken cancellationToken = default) => DeleteBlobAsync(OriginalName(requestId), cancellationToken);

    public override Task<bool> ReportExistsAsync(long requestId, CancellationToken cancellationToken = default) => BlobExistsAsync(ReportName(requestId), cancellationToken);

    public override Task<Stream?> OpenReportAsync(long requestId, CancellationToken cancellationToken = default) => OpenAsync(ReportName(requestId), cancellationToken);

    public override Task PublishReportAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default) =>
        UploadAsync(ReportName(requestId), finishedFile, PdfContentType, cancellationToken);

    public override async Task PublishManualUploadAsync(long requestId, int taskNumber, string folder, CancellationToken cancellationToken = default)
    {
        await DeleteManualUploadAsync(requestId, taskNumber, cancellationToken);

        // The description last: the collector reads the upload only once the task is recorded done, after all of this.
        var files = Directory.GetFiles(folder).OrderBy(f => Path.GetFileName(f) == ManualUploads.UploadFile).ToList();
        foreach (var file in files)
        {
            await UploadAsync(TaskPrefix(requestId, taskNumber) + Path.GetFileName(file), file, "application/octet-stream", cancellationToken);
        }

        Directory.Delete(folder, recursive: true);
    }

    public override Task<Stream?> OpenManualUploadAsync(long requestId, int taskNumber, string fileName, CancellationToken cancellationToken = default) =>
        OpenAsync(TaskPrefix(requestId, taskNumber) + Path.GetFileName(fileName), cancellationToken);

    public override Task DeleteManualUploadAsync(long requestId, int taskNumber, CancellationToken cancellationToken = default) =>
        DeletePrefixAsync(TaskPrefix(requestId, taskNumber), cancellationToken);

    public override async Task<bool> DeleteAsync(long requestId, CancellationToken cancellationToken = default)
    {
        DeleteWork(requestId);
        await DeletePrefixAsync(ManualPrefix(requestId), cancellationToken);

        // The result first: a report being made meanwhile either goes below or, published later, finds the result gone and goes itself.
        var existed = await DeleteBlobAsync(ResultName(requestId), cancellationToken);
        await DeleteBlobAsync(ReportName(requestId), cancellationToken);
        return existed;
    }

    public override byte[] SharedKey(string name)
    {
        // Once per process, at the first link or sign-in code; the store's client has no other synchronous path.
        return Task.Run(async () =>
        {
            var blob = await BlobAsync(name, CancellationToken.None);
            try
            {
                await blob.UploadAsync(BinaryData.FromBytes(NewKey()), new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } });
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
                // Another process made the key first; its key stands.
            }

            return (await blob.DownloadContentAsync()).Value.Content.ToArray();
        }).GetAwaiter().GetResult();
    }

    /// <summary>Makes the container when it is missing (private) and checks that it is not open to the public; once per process, again after a failure.</summary>
    public Task EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        var current = ready;
        if (current is not { IsCompletedSuccessfully: true })
        {
            lock (gate)
            {
                if (ready is null || ready.IsFaulted || ready.IsCanceled)
                {
                    ready = PrepareContainerAsync();
                }

                current = ready;
            }
        }

        return current.WaitAsync(cancellationToken);
    }

    private async Task PrepareContainerAsync()
    {
        BlobContainerAccessPolicy policy;
        try
        {
            await Container.CreateIfNotExistsAsync(PublicAccessType.None);
            policy = await Container.GetAccessPolicyAsync();
        }
        catch (RequestFailedException ex)
        {
            throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"The results container '{Container.Name}' at {Container.Uri.GetLeftPart(UriPartial.Authority)} cannot be used: {ex.Status} {ex.ErrorCode}. Check Results:AzureBlob:ConnectionString."),
                ex);
        }
        catch (Exception ex) when (ex is AggregateException or HttpRequestException)
        {
            throw new InvalidOperationException($"The results container '{Container.Name}' at {Container.Uri.GetLeftPart(UriPartial.Authority)} cannot be reached: {ex.Message}", ex);
        }

        if (policy.BlobPublicAccess != PublicAccessType.None)
        {
            throw new InvalidOperationException(
                $"The results container '{Container.Name}' allows public read access ({policy.BlobPublicAccess}); results must never be public. Make the container private, or choose another in Results:AzureBlob:Container.");
        }
    }

    private async Task<BlobClient> BlobAsync(string name, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        return Container.GetBlobClient(name);
    }

    private async Task<Stream?> OpenAsync(string name, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(name, cancellationToken);
        try
        {
            // Bound to the version found when opened: a replacement meanwhile fails the read rather than mixing two.
            return await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false) { BufferSize = Piece }, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private async Task UploadAsync(string name, string file, string contentType, CancellationToken cancellationToken)
    {
        var blob = await BlobAsync(name, cancellationToken);
        await using (var content = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true))
        {
            await blob.UploadAsync(
                content,
                new BlobUploadOptions
                {
                    HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                    TransferOptions = new StorageTransferOptions { InitialTransferSize = Piece, MaximumTransferSize = Piece, MaximumConcurrency = 2 },
                },
                cancellationToken);
        }

        File.Delete(file);
    }

    private async Task<bool> BlobExistsAsync(string name, CancellationToken cancellationToken) =>
        (await (await BlobAsync(name, cancellationToken)).ExistsAsync(cancellationToken)).Value;

    private async Task<bool> DeleteBlobAsync(string name, CancellationToken cancellationToken) =>
        (await (await BlobAsync(name, cancellationToken)).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken)).Value;

    private async Task DeletePrefixAsync(string prefix, CancellationToken cancellationToken)
    {
        await EnsureReadyAsync(cancellationToken);
        await foreach (var item in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await Container.GetBlobClient(item.Name).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: cancellationToken);
        }
    }

    private static string ManualPrefix(long requestId) => string.Create(CultureInfo.InvariantCulture, $"manual/{requestId}/");

    private static string TaskPrefix(long requestId, int taskNumber) => string.Create(CultureInfo.InvariantCulture, $"manual/{requestId}/{taskNumber}/");
}
