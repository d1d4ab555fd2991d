using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// The folder of result documents (<c>Results:Path</c>): one <c>{id}.json</c> per completed request, and a work
/// folder per request while it is being collected. Files are read only through the portal's own authorised
/// downloads.
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
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public bool Exists(long requestId) => File.Exists(PathOf(requestId));

    /// <summary>Opens a completed result for reading, or null when there is none (never made, or purged).</summary>
    public Stream? OpenRead(long requestId)
    {
        try
        {
            return new FileStream(PathOf(requestId), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

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

        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Moves a finished document into place in one step, so readers see all of it or nothing.</summary>
    public void Publish(long requestId, string finishedFile) => File.Move(finishedFile, PathOf(requestId), overwrite: true);

    public void DeleteWork(long requestId)
    {
        var folder = WorkFolder(requestId);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Deletes the result and any work files; true when a result was there.</summary>
    public bool Delete(long requestId)
    {
        DeleteWork(requestId);
        var path = PathOf(requestId);
        var existed = File.Exists(path);
        File.Delete(path);
        return existed;
    }

    private string PathOf(long requestId) => System.IO.Path.Combine(Root, $"{requestId}.json");

    private string WorkFolder(long requestId) => System.IO.Path.Combine(Root, "work", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
