using System.Globalization;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Results in a folder (<c>Results:Path</c>, the default store): <c>{id}.json</c>, <c>{id}.original.json</c>,
/// <c>{id}.pdf</c>, manual uploads under <c>manual/{id}/{task}</c>; every portal process must share the folder. A
/// document is published by renaming it into place; on Unix only the portal's own user may read the files (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class FolderResultStore(string root) : ResultStore(root)
{
    /// <summary>The results folder.</summary>
    public string Root => LocalRoot;

    public override Task<Stream?> OpenReadAsync(long requestId, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(Open(PathOf(ResultName(requestId))));

    public override Task<long?> SizeOfAsync(long requestId, CancellationToken cancellationToken = default)
    {
        var file = new FileInfo(PathOf(ResultName(requestId)));
        return Task.FromResult(file.Exists ? file.Length : (long?)null);
    }

    public override Task PublishAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(ReportName(requestId)));
        File.Move(finishedFile, PathOf(ResultName(requestId)), overwrite: true);
        return Task.CompletedTask;
    }

    public override Task PublishOriginalAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default)
    {
        File.Move(finishedFile, PathOf(OriginalName(requestId)), overwrite: true);
        return Task.CompletedTask;
    }

    public override Task<Stream?> OpenOriginalAsync(long requestId, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(Open(PathOf(OriginalName(requestId))));

    public override Task<bool> OriginalExistsAsync(long requestId, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(OriginalName(requestId))));

    public override Task DeleteOriginalAsync(long requestId, CancellationToken cancellationToken = default)
    {
        File.Delete(PathOf(OriginalName(requestId)));
        return Task.CompletedTask;
    }

    public override Task<bool> ReportExistsAsync(long requestId, CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(PathOf(ReportName(requestId))));

    public override Task<Stream?> OpenReportAsync(long requestId, CancellationToken cancellationToken = default) => Task.FromResult<Stream?>(Open(PathOf(ReportName(requestId))));

    public override Task PublishReportAsync(long requestId, string finishedFile, CancellationToken cancellationToken = default)
    {
        File.Move(finishedFile, PathOf(ReportName(requestId)), overwrite: true);
        return Task.CompletedTask;
    }

    public override Task PublishManualUploadAsync(long requestId, int taskNumber, string folder, CancellationToken cancellationToken = default)
    {
        var target = TaskFolder(requestId, taskNumber);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(folder, target);
        return Task.CompletedTask;
    }

    public override Task<Stream?> OpenManualUploadAsync(long requestId, int taskNumber, string fileName, CancellationToken cancellationToken = default) =>
        Task.FromResult<Stream?>(Open(Path.Combine(TaskFolder(requestId, taskNumber), Path.GetFileName(fileName))));

    public override Task DeleteManualUploadAsync(long requestId, int taskNumber, CancellationToken cancellationToken = default)
    {
        var folder = TaskFolder(requestId, taskNumber);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public override Task<bool> DeleteAsync(long requestId, CancellationToken cancellationToken = default)
    {
        DeleteWork(requestId);
        if (Directory.Exists(ManualFolder(requestId)))
        {
            Directory.Delete(ManualFolder(requestId), recursive: true);
        }

        var path = PathOf(ResultName(requestId));
        var existed = File.Exists(path);

        // The result first: a report being made meanwhile either goes below or, published later, finds the result gone and goes itself.
        File.Delete(path);
        File.Delete(PathOf(ReportName(requestId)));
        return Task.FromResult(existed);
    }

    public override byte[] SharedKey(string name)
    {
        var path = PathOf(name);
        if (!File.Exists(path))
        {
            var partial = PathOf($"{name}.{Guid.NewGuid():N}.tmp");
            using (var file = PrivateFiles.Create(partial, FileMode.CreateNew, useAsync: false))
            {
                file.Write(NewKey());
            }

            try
            {
                File.Move(partial, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made the key first; its key stands.
                File.Delete(partial);
            }
        }

        // A key made by an earlier version may still be readable by others.
        PrivateFiles.Restrict(path);
        return File.ReadAllBytes(path);
    }

    private static FileStream? Open(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string name) => Path.Combine(Root, name);

    private string TaskFolder(long requestId, int taskNumber) => Path.Combine(ManualFolder(requestId), taskNumber.ToString(CultureInfo.InvariantCulture));
}
