using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Downloads;

/// <summary>Who asks for a result, as the route they came through knows them; each kind may have only the results named below.</summary>
public abstract record Downloader
{
    private Downloader()
    {
    }

    /// <summary>A signed-in staff member (auditors included), by sign-in address: any request.</summary>
    public sealed record StaffMember(string Name) : Downloader;

    /// <summary>A verified data subject, by the address proven in their session: only their own self-service requests.</summary>
    public sealed record DataSubject(string Email) : Downloader;

    /// <summary>A system with an access token: only the requests that token filed.</summary>
    public sealed record Client(ApiClient ApiClient) : Downloader;

    /// <summary>Whoever holds a link from a report email: only the request it was signed for, until it expires.</summary>
    public sealed record SignedLink(long? Expires, string? Signature) : Downloader;
}
