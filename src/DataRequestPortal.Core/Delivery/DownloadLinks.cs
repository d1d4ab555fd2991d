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
public sealed class DownloadLinks(IOptions<DeliveryOptions> deliveryOptions, IOptions<PortalOptions> portalOptions, ResultStore store, TimeProvider time)
{
    public const int MinKeyLength = 32;

    public const string KeyFileName = "download-links.key";

    private readonly Lazy<byte[]> key = new(() => LoadKey(deliveryOptions.Value.LinkKey, store.Root));

    /// <summary>The link for a result that expires at <paramref name="expiresAt"/>, or null when <c>Portal:PublicUrl</c> is not set.</summary>
    public Uri? Create(long requestId, DateTimeOffset expiresAt)
    {
        if (portalOptions.Value.PublicUrl is not { } baseUrl)
        {
            return null;
        }

        var expires = expiresAt.ToUnixTimeSeconds();
        var path = $"download/{requestId.ToString(CultureInfo.InvariantCulture)}?expires={expires.ToString(CultureInfo.InvariantCulture)}&signature={Sign(requestId, expires)}";
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, path);
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

    public string Sign(long requestId, long expires) => Base64Url(Mac(requestId, expires));

    private byte[] Mac(long requestId, long expires) =>
        HMACSHA256.HashData(key.Value, Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"download:{requestId}:{expires}")));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

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

    /// <summary>The configured key, or one made once and shared through the results folder, which every portal process already shares.</summary>
    private static byte[] LoadKey(string? configured, string resultsRoot)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        var path = Path.Combine(resultsRoot, KeyFileName);
        if (!File.Exists(path))
        {
            var partial = Path.Combine(resultsRoot, $"{KeyFileName}.{Guid.NewGuid():N}.tmp");
            File.WriteAllBytes(partial, RandomNumberGenerator.GetBytes(32));
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

        return File.ReadAllBytes(path);
    }
}
