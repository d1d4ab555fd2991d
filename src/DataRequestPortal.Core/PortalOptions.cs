namespace DataRequestPortal.Core;

/// <summary>The <c>Portal</c> configuration section: how the portal is reached from outside.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address people reach the portal at, for links in email; without it no download link can be sent.</summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>The address of <paramref name="path"/> (relative, for example "my-data") under <see cref="PublicUrl"/>, or null when that is not set.</summary>
    public Uri? Link(string path)
    {
        if (PublicUrl is not { } baseUrl)
        {
            return null;
        }

        // Without a trailing slash, a base such as https://example.org/portal would lose its last segment.
        var root = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        return new Uri(root, path);
    }
}
