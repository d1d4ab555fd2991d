using System.Security.Cryptography;
using System.Text;

namespace DataRequestPortal.Core;

/// <summary>
/// The portal's secret key for message authentication codes: download links, and the hashes of sign-in codes (a
/// six-digit code hashed without a secret could be guessed back from a copy of the database in a second).
/// Callers keep their uses apart by starting each message with its own label ("download:", "sign-in-code:").
/// </summary>
/// <param name="configured">The configured key (<c>Delivery:LinkKey</c>), if any.</param>
/// <param name="shared">The key made once and kept in the result store for every portal process, which they all share; asked for only without a configured key.</param>
public sealed class PortalKey(string? configured, Func<byte[]> shared)
{
    public const int MinConfiguredLength = 32;

    public const string FileName = "download-links.key";

    private readonly Lazy<byte[]> key = new(() => string.IsNullOrEmpty(configured) ? shared() : Encoding.UTF8.GetBytes(configured));

    public byte[] Mac(string message) => HMACSHA256.HashData(key.Value, Encoding.UTF8.GetBytes(message));
}
