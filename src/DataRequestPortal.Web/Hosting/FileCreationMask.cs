using System.Runtime.InteropServices;

namespace DataRequestPortal.Web.Hosting;

/// <summary>
/// The process's file-creation mask (umask). The portal gives its own files owner-only permissions explicitly; the
/// mask does the same for files that libraries create (SQLite's journals, data-protection key XML, temporary files).
/// </summary>
public static class FileCreationMask
{
    /// <summary>Files and folders created from now on are readable only by the portal's user (umask 077); nothing on Windows.</summary>
    public static void RestrictToOwner()
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD())
        {
            _ = Umask(0b000_111_111);
        }
    }

    // mode_t is 32 bits on Linux and FreeBSD and 16 bits on macOS; the mask fits either, and the old one is not used.
    [DllImport("libc", EntryPoint = "umask")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint Umask(uint mask);
}
