namespace DataRequestPortal.Web.Components.Account;

/// <summary>Return URLs arrive in query strings and forms; only a path on this site is ever followed (no open redirect).</summary>
public static class ReturnUrls
{
    /// <summary>The URL as a site-relative path starting with "/", or "/" when it could lead elsewhere.</summary>
    public static string ToLocalPath(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "/";
        }

        var path = url.Trim();
        var unsafeUrl = path.Contains('\\', StringComparison.Ordinal)
            || path.Any(char.IsControl)
            || path.StartsWith("//", StringComparison.Ordinal)
            || !Uri.TryCreate(path, UriKind.Relative, out _)
            || HasScheme(path);
        if (unsafeUrl)
        {
            return "/";
        }

        return path.StartsWith('/') ? path : "/" + path;
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
}
