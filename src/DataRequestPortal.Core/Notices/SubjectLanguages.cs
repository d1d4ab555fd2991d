using System.Globalization;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// The languages a data subject can read the portal in: those shipped with resources, limited by
/// <c>SelfService:Languages</c>, with <c>Organisation:DefaultLanguage</c> as the fallback. A language is kept as its
/// two-letter tag ("nl"); a request filed before languages existed has none and reads in the default language.
/// </summary>
public sealed class SubjectLanguages
{
    /// <summary>Every language the portal has resources for; the first is the resources' neutral language.</summary>
    public static IReadOnlyList<string> Shipped { get; } = ["en", "nl", "de", "fr"];

    /// <param name="organisation">Its <c>DefaultLanguage</c> is the fallback.</param>
    /// <param name="offered">The configured languages (<c>SelfService:Languages</c>); empty or null for all shipped.</param>
    public SubjectLanguages(OrganisationOptions organisation, IReadOnlyList<string>? offered)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        Default = Normalize(organisation.DefaultLanguage) ?? Shipped[0];
        var configured = offered is { Count: > 0 } list
            ? list.Select(Normalize).OfType<string>().Distinct().ToList()
            : [.. Shipped];
        // The default language is always offered, first, so the switcher starts with it.
        Offered = [Default, .. configured.Where(l => l != Default)];
    }

    /// <summary>The language of a subject who chose none, and of requests filed without one.</summary>
    public string Default { get; }

    /// <summary>The languages subjects may choose, the default first.</summary>
    public IReadOnlyList<string> Offered { get; }

    /// <summary>Whether <paramref name="tag"/> names an offered language ("nl", "nl-BE" and "NL" all name Dutch).</summary>
    public bool IsOffered(string? tag) => Normalize(tag) is { } language && Offered.Contains(language);

    /// <summary>The offered language <paramref name="tag"/> names, else the default language.</summary>
    public string Resolve(string? tag) => Normalize(tag) is { } language && Offered.Contains(language) ? language : Default;

    /// <summary>The culture a request's emails and report are written in.</summary>
    public CultureInfo CultureOf(string? language) => CultureInfo.GetCultureInfo(Resolve(language));

    /// <summary>
    /// The culture of a stored request language (shipped, so checked when filed), else of the organisation's default
    /// language: what emails and reports are written in, whatever culture the thread had before.
    /// </summary>
    public static CultureInfo CultureFor(string? language, OrganisationOptions organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        return CultureInfo.GetCultureInfo(Normalize(language) ?? Normalize(organisation.DefaultLanguage) ?? Shipped[0]);
    }

    /// <summary>The shipped language <paramref name="tag"/> names (its first subtag, lower case), or null.</summary>
    public static string? Normalize(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var primary = tag.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Shipped.Contains(primary) ? primary : null;
    }

    /// <summary>A language's name in itself, as the switcher shows it: "Nederlands".</summary>
    public static string NativeName(string language)
    {
        var name = CultureInfo.GetCultureInfo(language).NativeName;
        return name.Length == 0 ? language : char.ToUpper(name[0], CultureInfo.GetCultureInfo(language)) + name[1..];
    }

    /// <summary>
    /// Makes <paramref name="culture"/> the current culture (texts, dates and numbers) until disposed, then restores
    /// the previous one: for work on behalf of one request, whatever request the thread served before.
    /// </summary>
    public static IDisposable Use(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var scope = new CultureScope(CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return scope;
    }

    private sealed class CultureScope(CultureInfo culture, CultureInfo uiCulture) : IDisposable
    {
        public void Dispose()
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }
}
