using System.Security.Cryptography;
using System.Text;

namespace DataRequestPortal.Core;

/// <summary>
/// The portal's secret key for message authentication codes: download links, and the hashes of sign-in codes (a
/// six-digit code hashed without a secret could be guessed back from a copy of the database in a second).
/// Callers keep their uses apart by starting each message with its own label ("download:", "sign-in-code:").
/// </summary>
/// <param name="configured">The configured key (<c>Delivery:LinkKey</c>), if any.</param>
/// <param name="sharedFolder">Where a key made here is kept for every portal process: the results folder, which they all share.</param>
public sealed class PortalKey(string? configured, string sharedFolder)
{
    public const int MinConfiguredLength = 32;

    public const string FileName = "download-links.key";

    private readonly Lazy<byte[]> key = new(() => Load(configured, sharedFolder));

    public byte[] Mac(string message) => HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(message));

    /// <summary>The configured key (<c>Delivery:LinkKey</c>), or one made once and shared through the results folder, which every portal process already shares.</summary>
    private static byte[] Load(string? configured, string resultsRoot)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        var path = Path.Combine(resultsRoot, FileName);
        if (!File.Exists(path))
        {
            var partial = Path.Combine(resultsRoot, $"{FileName}.{Guid.NewGuid():N}.tmp");
            using (var file = PrivateFiles.Create(partial, FileMode.CreateNew, useAsync: false))
            {
                file.Write(RandomNumberGenerator.GetBytes(32));
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
}
