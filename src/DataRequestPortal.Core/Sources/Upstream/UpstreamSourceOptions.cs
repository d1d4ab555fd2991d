using System.Globalization;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources.Upstream;

/// <summary>Where the upstream expects its access token.</summary>
public enum UpstreamTokenPlacement
{
    /// <summary>The <c>access_token</c> query parameter, as in the SMTPeter and Copernica documentation.</summary>
    Query,

    /// <summary><c>Authorization: Bearer</c>.</summary>
    Header,
}

/// <summary>
/// Another system that speaks the datarequest API — SMTPeter, Copernica or another portal (<c>Sources:Upstream:N</c>):
/// the portal files a request there, waits until it is ready and merges its result.
/// </summary>
public sealed class UpstreamSourceOptions : ConfiguredSourceOptions
{
    public const string Kind = "Upstream";

    /// <summary>For example <c>https://api.copernica.com</c>; the version path is added per call.</summary>
    public string BaseUrl { get; set; } = "";

    public string Token { get; set; } = "";

    /// <summary><c>Query</c> (default) or <c>Header</c>.</summary>
    public string TokenIn { get; set; } = nameof(UpstreamTokenPlacement.Query);

    /// <summary>1 or 2: the version path of every call.</summary>
    public int ApiVersion { get; set; } = 2;

    /// <summary>Seconds between two questions whether the upstream result is ready.</summary>
    public double PollSeconds { get; set; } = 10;

    /// <summary>Minutes, from filing, the upstream may take before the source gives up on that upstream request.</summary>
    public double TimeoutMinutes { get; set; } = 60;

    public SourceDescription Describe() => Describe([]);

    public UpstreamTokenPlacement TokenPlacement() => Enum.Parse<UpstreamTokenPlacement>(TokenIn.Trim(), ignoreCase: true);

    /// <summary>The address that files a request for <paramref name="subject"/>; an email address travels in the form body.</summary>
    public string FilingPath(Subject subject) => subject.Type switch
    {
        SubjectType.Email => $"/v{ApiVersion}/datarequest",
        SubjectType.Profile => $"/v{ApiVersion}/profile/{subject.Identifier}/datarequest",
        _ => $"/v{ApiVersion}/subprofile/{subject.Identifier}/datarequest",
    };

    public string StatusPath(string id) => $"/v{ApiVersion}/datarequest/{id}/status";

    public string ResultPath(string id) => $"/v{ApiVersion}/datarequest/{id}";

    public override void Validate(string path, ICollection<string> problems)
    {
        base.Validate(path, problems);

        if (string.IsNullOrWhiteSpace(BaseUrl))
        {
            problems.Add($"{path}:BaseUrl is missing, for example 'https://api.copernica.com'.");
        }
        else if (!Uri.TryCreate(BaseUrl.Trim(), UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
        {
            problems.Add($"{path}:BaseUrl is not an absolute http or https URL.");
        }
        else if (address.Query.Length > 0 || address.Fragment.Length > 0 || address.UserInfo.Length > 0)
        {
            problems.Add($"{path}:BaseUrl must not carry a query, fragment or user name; put the token in {path}:Token.");
        }

        if (string.IsNullOrWhiteSpace(Token))
        {
            problems.Add($"{path}:Token is missing; the upstream answers only calls with an access token.");
        }
        else if (Token.AsSpan().ContainsAny('\r', '\n'))
        {
            problems.Add($"{path}:Token spans lines; it cannot be sent.");
        }

        if (!Enum.TryParse<UpstreamTokenPlacement>(TokenIn.Trim(), ignoreCase: true, out var placement) || !Enum.IsDefined(placement))
        {
            problems.Add($"{path}:TokenIn is '{TokenIn}'; use '{UpstreamTokenPlacement.Query}' or '{UpstreamTokenPlacement.Header}'.");
        }

        if (ApiVersion is not (1 or 2))
        {
            problems.Add($"{path}:ApiVersion is {ApiVersion}; use 1 or 2.");
        }

        if (!(PollSeconds > 0))
        {
            problems.Add($"{path}:PollSeconds is {PollSeconds.ToString(CultureInfo.InvariantCulture)}; give a number of seconds above 0.");
        }

        if (!(TimeoutMinutes > 0))
        {
            problems.Add($"{path}:TimeoutMinutes is {TimeoutMinutes.ToString(CultureInfo.InvariantCulture)}; give a number of minutes above 0.");
        }
    }
}
