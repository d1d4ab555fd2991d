using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// The headers that let a receiver check a report came from the portal, unchanged: a SHA-256 <c>Digest</c>
/// (RFC 3230) and a <c>Signature</c> in the HTTP Signatures draft format, HMAC-SHA256 keyed by the token's secret
/// over <c>(request-target) host date digest</c> — the way SMTPeter signs its webhooks.
/// </summary>
public sealed record ReportSignature(string Date, string Digest, string Signature)
{
    public const string SignedHeaders = "(request-target) host date digest";

    public static ReportSignature Sign(Uri target, byte[] bodySha256, DateTimeOffset now, string keyId, string secret)
    {
        ArgumentNullException.ThrowIfNull(target);
        var date = now.ToUniversalTime().ToString("r", CultureInfo.InvariantCulture);
        var digest = "SHA-256=" + Convert.ToBase64String(bodySha256);
        var signingString = SigningString("post", target.PathAndQuery, target.Authority, date, digest);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signingString));
        var signature = $"keyId=\"{keyId}\",algorithm=\"hmac-sha256\",headers=\"{SignedHeaders}\",signature=\"{Convert.ToBase64String(mac)}\"";
        return new ReportSignature(date, digest, signature);
    }

    /// <summary>The text that is signed: one <c>name: value</c> line per covered header, joined by line feeds.</summary>
    public static string SigningString(string method, string pathAndQuery, string host, string date, string digest) =>
        $"(request-target): {method.ToLowerInvariant()} {pathAndQuery}\nhost: {host}\ndate: {date}\ndigest: {digest}";
}
