using System.Globalization;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources.Http;

/// <summary>A web service that answers a JSON array of records for a subject (<c>Sources:Http:N</c>).</summary>
public sealed partial class HttpSourceOptions : ConfiguredSourceOptions
{
    public const string Kind = "Http";
    public const string SubjectPlaceholder = "{subject}";
    public const string SubjectTypePlaceholder = "{subjectType}";

    /// <summary>An absolute URL with <c>{subject}</c> (escaped) and optionally <c>{subjectType}</c> (the wire name).</summary>
    public string UrlTemplate { get; set; } = "";

    /// <summary>Sent with every request, for example an API key; the values are never logged or shown.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Seconds to wait for the answer to start, and for each further part of it to arrive.</summary>
    public double TimeoutSeconds { get; set; } = 30;

    public SourceCategoryOptions Category { get; set; } = new();

    public SourceDescription Describe() => Describe([Category.Describe()]);

    public Uri UrlFor(Subject subject) => new(Expand(subject.Identifier, subject.Type.ToWireName()), UriKind.Absolute);

    /// <summary>The root of the service's host (scheme, host and port): what a connection test asks, so no subject and no key in a path or query travel.</summary>
    public Uri HostRoot()
    {
        var sample = new Uri(Expand("0", SubjectTypeNames.Profile), UriKind.Absolute);
        return new UriBuilder(sample.Scheme, sample.Host, sample.Port, "/").Uri;
    }

    public override void Validate(string path, ICollection<string> problems)
    {
        base.Validate(path, problems);

        // The template is never quoted in messages: it may carry a key in its query.
        if (string.IsNullOrWhiteSpace(UrlTemplate))
        {
            problems.Add($"{path}:UrlTemplate is missing.");
        }
        else if (!UrlTemplate.Contains(SubjectPlaceholder, StringComparison.Ordinal))
        {
            problems.Add($"{path}:UrlTemplate has no {SubjectPlaceholder} placeholder; without it every subject would get the same records.");
        }
        else if (Placeholder().Matches(UrlTemplate).FirstOrDefault(m => m.Value is not (SubjectPlaceholder or SubjectTypePlaceholder)) is { } unknown)
        {
            problems.Add($"{path}:UrlTemplate has an unknown placeholder {unknown.Value}; use {SubjectPlaceholder} and {SubjectTypePlaceholder}.");
        }
        else if (!Uri.TryCreate(Expand("jane@example.com", SubjectTypeNames.Email), UriKind.Absolute, out var sample)
            || sample.Scheme is not ("http" or "https"))
        {
            problems.Add($"{path}:UrlTemplate is not an absolute http or https URL.");
        }

        using var probe = new HttpRequestMessage();
        foreach (var (name, value) in Headers)
        {
            if (string.IsNullOrEmpty(value) || value.AsSpan().ContainsAny('\r', '\n'))
            {
                problems.Add($"{path}:Headers:{name} has a value that cannot be sent (empty or spanning lines).");
            }
            else if (!probe.Headers.TryAddWithoutValidation(name, value))
            {
                problems.Add($"{path}:Headers:{name} is not a header a request can send.");
            }
        }

        if (!(TimeoutSeconds > 0))
        {
            problems.Add($"{path}:TimeoutSeconds is {TimeoutSeconds.ToString(CultureInfo.InvariantCulture)}; give a number of seconds above 0.");
        }

        if (string.IsNullOrWhiteSpace(Category.Name))
        {
            problems.Add($"{path}:Category:Name is missing; it becomes the records' type.");
        }
    }

    private string Expand(string identifier, string subjectType) =>
        UrlTemplate
            .Replace(SubjectPlaceholder, Uri.EscapeDataString(identifier), StringComparison.Ordinal)
            .Replace(SubjectTypePlaceholder, subjectType, StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
