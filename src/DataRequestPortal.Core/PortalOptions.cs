namespace DataRequestPortal.Core;

/// <summary>The <c>Portal</c> configuration section: how the portal is reached from outside.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>The address people reach the portal at, for links in email; without it no download link can be sent.</summary>
    public Uri? PublicUrl { get; set; }
}
