using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Where result documents are kept (<c>Results:Store</c>): one result per completed request, the collected original of a
/// reviewed one, its PDF report once it is made, and the files staff upload for manual tasks; all read only through the
/// portal's own authorised downloads, and deleted with the result. Every portal process reads and writes the same store:
/// the results folder (<see cref="FolderResultStore"/>) or an Azure Blob Storage container (<see cref="BlobResultStore"/>).
/// Documents are written to a local file first (<see cref="NewResultFile"/>, <see cref="NewReportFile"/>) and published in
/// one step, so readers see all of one or nothing; reads are streams, so no document is held in memory whole. A request is
/// collected in a local work folder of the process collecting it.
/// </summary>
public abstract class ResultStore
{
    protected const string JsonContentType = "application/json";

    protected const string PdfContentType = "application/pdf";

    /// <param name="localRoot">This process's own folder for work files and documents being written.</param>
    protected ResultStore(string localRoot)
    {
        LocalRoot = localRoot;
        PrivateFiles.CreateFolder(LocalRoot);
    }

    /// <summary>This process's folder for work folders and documents being written (<c>Results:Path</c>); with the folder store, the results themselves.</summary>
    public string LocalRoot { get; }

    /// <summary>The store <c>Results:Store</c> names.</summary>
    public static ResultStore Create(IOptions<ResultOptions> options, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        if (string.IsNullOrWhiteSpace(value.Path))
        {
            throw new InvalidOperationException("Results:Path is empty.");
        }

        var local = System.IO.Path.GetFullPath(value.Path, contentRoot);
        return value.Store switch
        {
            ResultStoreKind.AzureBlob => new BlobResultStore(value.AzureBlob, local),
            _ => new FolderResultStore(local),
        };
    }

    public async Task<bool> ExistsAsync(long requestId, CancellationToken cancellationToken = default) => await SizeOfAsync(requestId, cancellationToken) is not null;

    /// <summary>Opens a completed result for reading, or null when there is none (never made, or purged).</summary>
    public abstract Task<Stream?> OpenReadAsync(long requestId, CancellationToken cancellationToken = default);

    /// <summary>Size in bytes of a completed result, or null when there is none.</summary>
    public abstract Task<long?> SizeOfAsync(long requestId, CancellationToken cancellationToken = default);

    /// <summary>Puts a finished document in place in one step, so readers see all of it or nothing; a report of an earlier one goes. The local file is gone afterwards.</summary>
    public abstract Task PublishAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default);

    /// <summary>Puts a collected document that waits for review in place beside the results, never under a result's name.</summary>
    public abstract Task PublishOriginalAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default);

    /// <summary>Opens the collected original of a reviewed request, or null when there is none (never made, or deleted).</summary>
    public abstract Task<Stream?> OpenOriginalAsync(long requestId, CancellationToken cancellationToken = default);

    public abstract Task<bool> OriginalExistsAsync(long requestId, CancellationToken cancellationToken = default);

    public abstract Task DeleteOriginalAsync(long requestId, CancellationToken cancellationToken = default);

    public abstract Task<bool> ReportExistsAsync(long requestId, CancellationToken cancellationToken = default);

    /// <summary>Opens the PDF report made earlier from a result, or null when none was made (or it was deleted with the result).</summary>
    public abstract Task<Stream?> OpenReportAsync(long requestId, CancellationToken cancellationToken = default);

    /// <summary>Puts a finished report in place in one step; concurrent writers of the same report leave one whole report.</summary>
    public abstract Task PublishReportAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts one manual task's upload in place (the folder's files: <c>upload.json</c> with its records and the files'
    /// descriptions, and the files themselves), replacing an earlier one; kept until the result is deleted. The local folder is gone afterwards.
    /// </summary>
    public abstract Task PublishManualUploadAsync(long requestId, int taskNumber, string folder, CancellationToken cancellationToken = default);

    /// <summary>Opens one file of a manual task's upload, or null when there is none.</summary>
    public abstract Task<Stream?> OpenManualUploadAsync(long requestId, int taskNumber, string fileName, CancellationToken cancellationToken = default);

    public abstract Task DeleteManualUploadAsync(long requestId, int taskNumber, CancellationToken cancellationToken = default);

    /// <summary>Deletes the result, its report, any work files and manual tasks' uploads; true when a result was there.</summary>
    public abstract Task<bool> DeleteAsync(long requestId, CancellationToken cancellationToken = default);

    /// <summary>A random key of 32 bytes kept in the store under <paramref name="name"/> for every portal process: made by the first that asks, read by the others.</summary>
    public abstract byte[] SharedKey(string name);

    /// <summary>A fresh, empty work folder for collecting a request; anything left by an earlier attempt is removed.</summary>
    public string StartWork(long requestId)
    {
        var folder = WorkFolder(requestId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        PrivateFiles.CreateFolder(folder);
        return folder;
    }

    public void DeleteWork(long requestId)
    {
        var folder = WorkFolder(requestId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A local file name for a released document being written, unique to the caller.</summary>
    public string NewResultFile(long requestId) => LocalFile(requestId, "json");

    /// <summary>A local file name for a report being written, unique to the caller.</summary>
    public string NewReportFile(long requestId) => LocalFile(requestId, "pdf");

    /// <summary>A local folder name for a manual task's upload being written, unique to the caller; the folder is not made yet.</summary>
    public string NewManualUploadFolder(long requestId, int taskNumber)
    {
        var parent = ManualFolder(requestId);
        PrivateFiles.CreateFolder(parent);
        return System.IO.Path.Combine(parent, taskNumber.ToString(CultureInfo.InvariantCulture) + ".upload-" + Guid.NewGuid().ToString("N"));
    }

    /// <summary>Local folder of one request's manual uploads (with the folder store, where they are kept).</summary>
    protected string ManualFolder(long requestId) => System.IO.Path.Combine(LocalRoot, "manual", requestId.ToString(CultureInfo.InvariantCulture));

    protected static string ResultName(long requestId) => string.Create(CultureInfo.InvariantCulture, $"{requestId}.json");

    protected static string OriginalName(long requestId) => string.Create(CultureInfo.InvariantCulture, $"{requestId}.original.json");

    protected static string ReportName(long requestId) => string.Create(CultureInfo.InvariantCulture, $"{requestId}.pdf");

    protected static byte[] NewKey() => RandomNumberGenerator.GetBytes(32);

    private string LocalFile(long requestId, string extension) =>
        System.IO.Path.Combine(LocalRoot, string.Create(CultureInfo.InvariantCulture, $"{requestId}.{extension}.{Guid.NewGuid():N}.tmp"));

    private string WorkFolder(long requestId) => System.IO.Path.Combine(LocalRoot, "work", requestId.ToString(CultureInfo.InvariantCulture));
}
