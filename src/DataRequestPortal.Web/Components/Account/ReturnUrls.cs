using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace DataRequestPortal.Web.Components.Account;

/// <summary>Return URLs arrive in query strings and forms; only a path on this site is ever followed (no open redirect).</summary>
public static class ReturnUrls
{
    /// <summary>
    /// The URL as a site-relative path starting with "/", or "/" when it could lead elsewhere. Characters a
    /// <c>Location</c> header cannot carry (beyond ASCII, and spaces) are percent-encoded as UTF-8.
    /// </summary>
    public static string ToLocalPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "/";
        }

        var path = url.Trim();
        var unsafeUrl = path.Contains('\\', StringComparison.Ordinal)
            || path.Any(char.IsControl)
            || !IsWellFormedUtf16(path)
            || path.StartsWith("//", StringComparison.Ordinal)
            || !Uri.TryCreate(path, UriKind.Relative, out _)
            || HasScheme(path);
        if (unsafeUrl)
        {
            return "/";
        }

        return PercentEncodeBeyondAscii(path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>The sign-in cookie's own redirect to the <c>ReturnUrl</c> parameter, by the same rules.</summary>
    public static Task RedirectAsync(RedirectContext<CookieAuthenticationOptions> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Redirect(ToLocalPath(context.RedirectUri));
        return Task.CompletedTask;
    }

    private static bool HasScheme(string path)
    {
        var colon = path.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return false;
        }

        var firstBreak = path.IndexOfAny(['/', '?', '#']);
        return firstBreak < 0 || colon < firstBreak;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Escapes already in the path stay as they are, so an encoded path comes out unchanged.</summary>
    private static string PercentEncodeBeyondAscii(string path)
    {
        if (path.All(c => c is > ' ' and < '\u007F'))
        {
            return path;
        }

        var encoded = new StringBuilder(path.Length * 3);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value is > ' ' and < 0x7F)
            {
                encoded.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }
}
