using System.Diagnostics.CodeAnalysis;

namespace DataRequestPortal.Core.Requests;

public enum ReportTargetKind
{
    Url,
    Email,
}

/// <summary>
/// Where an API client wants to hear that its result is ready (the seeds' <c>monitor</c> or <c>report</c>): an
/// absolute http(s) URL that receives the JSON, or an email address that receives it attached or linked.
/// </summary>
public sealed record ReportTarget
{
    public const int MaxLength = 2048;

    private ReportTarget(ReportTargetKind kind, string value)
    {
        Kind = kind;
        Value = value;
    }

    public ReportTargetKind Kind { get; }

    public string Value { get; }

    public static bool TryParse(string? text, [NotNullWhen(true)] out ReportTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        var value = text?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = "Give a URL or an email address.";
            return false;
        }

        if (value.Length > MaxLength)
        {
            error = $"A report target can be at most {MaxLength} characters.";
            return false;
        }

        if (value.Contains("://", StringComparison.Ordinal))
        {
            if (Uri.TryCreate(value, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                && uri.Host.Length > 0
                && !value.Any(char.IsWhiteSpace)
                && uri.AbsoluteUri.Length <= MaxLength)
            {
                target = new ReportTarget(ReportTargetKind.Url, uri.AbsoluteUri);
                error = null;
                return true;
            }

            error = $"'{Shorten(value)}' is not an absolute http or https URL.";
            return false;
        }

        if (Subject.TryCreate(SubjectType.Email, value, out var address, out _))
        {
            target = new ReportTarget(ReportTargetKind.Email, address.Identifier);
            error = null;
            return true;
        }

        error = $"'{Shorten(value)}' is neither an http(s) URL nor an email address.";
        return false;
    }

    /// <summary>
    /// Whether a stored target is this one: the same URL, or the same address once both are in the canonical form
    /// (a target stored before today's rules is brought to them first).
    /// </summary>
    public bool IsSameAs(string? stored) =>
        TryParse(stored, out var other, out _) ? other == this : string.Equals(stored, Value, StringComparison.Ordinal);

    public override string ToString() => Value;

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
