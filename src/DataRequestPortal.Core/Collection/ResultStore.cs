using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// The folder of result documents (<c>Results:Path</c>): one <c>{id}.json</c> per completed request, the collected original <c>{id}.original.json</c> of a reviewed one, its PDF report
/// <c>{id}.pdf</c> once it is made, and a work folder per request while it is being collected. Files are read only through the portal's own authorised
/// downloads; on Unix only the portal's own user may read them (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class ResultStore
{
    public ResultStore(IOptions<ResultOptions> options, string contentRoot)
    {
        var path = options.Value.Path;
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException("Results:Path is empty.");
        }

        Root = System.IO.Path.GetFullPath(path, contentRoot);
        PrivateFiles.CreateFolder(Root);
    }

    public string Root { get; }

    public bool Exists(long requestId) => File.Exists(PathOf(requestId));

    /// <summary>Opens a completed result for reading, or null when there is none (never made, or purged).</summary>
    public Stream? OpenRead(long requestId) => Open(PathOf(requestId));

    /// <summary>Size in bytes of a completed result, or null when there is none.</summary>
    public long? SizeOf(long requestId)
    {
        var file = new FileInfo(PathOf(requestId));
        return file.Exists ? file.Length : null;
    }

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

    /// <summary>Moves a finished document into place in one step, so readers see all of it or nothing; a report of an earlier one goes.</summary>
    public void Publish(long requestId, string finishedFile)
    {
        File.Delete(ReportPathOf(requestId));
        File.Move(finishedFile, PathOf(requestId), overwrite: true);
    }

    /// <summary>Moves a collected document that waits for review into place beside the results, never under a result's name.</summary>
    public void PublishOriginal(long requestId, string finishedFile) => File.Move(finishedFile, OriginalPathOf(requestId), overwrite: true);

    /// <summary>Opens the collected original of a reviewed request, or null when there is none (never made, or deleted).</summary>
    public Stream? OpenOriginal(long requestId) => Open(OriginalPathOf(requestId));

    public bool OriginalExists(long requestId) => File.Exists(OriginalPathOf(requestId));

    public void DeleteOriginal(long requestId) => File.Delete(OriginalPathOf(requestId));

    /// <summary>A file name beside the results for a released document being written, unique to the caller.</summary>
    public string NewResultFile(long requestId) => PathOf(requestId) + "." + Guid.NewGuid().ToString("N") + ".tmp";

    public bool ReportExists(long requestId) => File.Exists(ReportPathOf(requestId));

    /// <summary>Opens the PDF report made earlier from a result, or null when none was made (or it was deleted with the result).</summary>
    public Stream? OpenReport(long requestId) => Open(ReportPathOf(requestId));

    /// <summary>A file name beside the results for a report being written, unique to the caller.</summary>
    public string NewReportFile(long requestId) => ReportPathOf(requestId) + "." + Guid.NewGuid().ToString("N") + ".tmp";

    /// <summary>Moves a finished report into place in one step; concurrent writers of the same report leave one whole file.</summary>
    public void PublishReport(long requestId, string finishedFile) => File.Move(finishedFile, ReportPathOf(requestId), overwrite: true);

    public void DeleteWork(long requestId)
    {
        var folder = WorkFolder(requestId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The folder of one manual task's upload: <c>upload.json</c> with its records and files' descriptions, and the files
    /// themselves, kept until the result is deleted.
    /// </summary>
    public string ManualTaskFolder(long requestId, int taskNumber) =>
        System.IO.Path.Combine(ManualFolder(requestId), taskNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Deletes the result, its report, any work files and manual tasks' uploads; true when a result was there.</summary>
    public bool Delete(long requestId)
    {
        DeleteWork(requestId);
        if (Directory.Exists(ManualFolder(requestId)))
        {
            Directory.Delete(ManualFolder(requestId), recursive: true);
        }

        var path = PathOf(requestId);
        var existed = File.Exists(path);

        // The result first: a report being made meanwhile either goes below or, published later, finds the result gone and goes itself.
        File.Delete(path);
        File.Delete(ReportPathOf(requestId));
        return existed;
    }

    private static FileStream? Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(long requestId) => System.IO.Path.Combine(Root, $"{requestId}.json");

    private string OriginalPathOf(long requestId) => System.IO.Path.Combine(Root, $"{requestId}.original.json");

    private string ReportPathOf(long requestId) => System.IO.Path.Combine(Root, $"{requestId}.pdf");

    private string ManualFolder(long requestId) => System.IO.Path.Combine(Root, "manual", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private string WorkFolder(long requestId) => System.IO.Path.Combine(Root, "work", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
