namespace DataRequestPortal.Core;

/// <summary>
/// Files and folders that hold personal data or secrets (results and their work files, the link key, the database,
/// mail, data-protection keys): on Unix only the portal's own user may read them, 0600 for files and 0700 for
/// folders. On Windows they keep the permissions they inherit.
/// </summary>
public static class PrivateFiles
{
    public const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode OwnerOnlyFolder = OwnerOnlyFile | UnixFileMode.UserExecute;

    /// <summary>Creates a folder, and any missing folders above it, that only this user may open; a folder that exists is left as it is.</summary>
    public static DirectoryInfo CreateFolder(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, OwnerOnlyFolder);

    /// <summary>Opens a file for writing that, when it is created, only this user may read.</summary>
    /// <param name="buffered">
    /// False for a writer that hands over large pieces itself (a JSON writer flushed in 64 KB steps, a copy): the stream
    /// then keeps no 64 KB buffer of its own, which a collection would otherwise allocate for every file it writes.
    /// </param>
    public static FileStream Create(string path, FileMode mode, bool useAsync = true, bool buffered = true)
    {
        var options = new FileStreamOptions
        {
            Mode = mode,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = buffered ? 64 * 1024 : 0,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        return new FileStream(path, options);
    }

    /// <summary>
    /// Makes an existing file readable by this user only: one a library created, or one an earlier version left open.
    /// A file of another user is left to its owner.
    /// </summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerOnlyFile) == 0)
        {
            return;
        }

        try
        {
            File.SetUnixFileMode(path, mode & OwnerOnlyFile);
        }
        catch (UnauthorizedAccessException)
        {
            // Not ours to change.
        }
    }
}
