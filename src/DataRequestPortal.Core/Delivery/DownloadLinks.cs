using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DataRequestPortal.Core.Collection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Delivery;

public enum DownloadLinkCheck
{
    Valid,
    Forged,
    Expired,
}

/// <summary>
/// Links that fetch a result without a token, for results too large to attach to a report email:
/// <c>/download/{id}?expires=&lt;unix seconds&gt;&amp;signature=&lt;HMAC-SHA256&gt;</c>, valid until the result expires.
/// </summary>
public sealed class DownloadLinks(PortalKey key, IOptions<PortalOptions> portalOptions, TimeProvider time)
{
    /// <summary>The link for a result that expires at <paramref name="expiresAt"/>, or null when <c>Portal:PublicUrl</c> is not set.</summary>
    public Uri? Create(long requestId, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds();
        return portalOptions.Value.Link(
            $"download/{requestId.ToString(CultureInfo.InvariantCulture)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Sign(requestId, expires)}");
    }

    public DownloadLinkCheck Check(long requestId, long expires, string? signature)
    {
        if (signature is null || !TryDecode(signature, out var given)
            || !CryptographicOperations.FixedTimeEquals(given, Mac(requestId, expires)))
        {
            return DownloadLinkCheck.Forged;
        }

        return time.GetUtcNow().ToUnixTimeSeconds() >= expires ? DownloadLinkCheck.Expired : DownloadLinkCheck.Valid;
    }

    public string Sign(long requestId, long expires) => System.Buffers.Text.Base64Url.EncodeToString(Mac(requestId, expires));

    private byte[] Mac(long requestId, long expires) =>
        key.Mac(string.Create(CultureInfo.InvariantCulture, $"download:{requestId}:{expires}"));


    private static bool TryDecode(string text, out byte[] bytes)
    {
        var base64 = text.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return false;
        }

        bytes = bytes[..written];
        return true;
    }
}
