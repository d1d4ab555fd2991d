namespace DataRequestPortal.Core;

/// <summary>The <c>Organisation</c> configuration section: who runs this portal.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>Shown in the app bar, emails and reports.</summary>
    public string Name { get; set; } = "DataRequestPortal";

    /// <summary>The time zone (IANA or Windows id) in which due dates are counted.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The regime new requests run on unless staff choose another when filing: <c>GDPR</c>, <c>UK-GDPR</c> or <c>CCPA</c>.</summary>
    public string Regime { get; set; } = "GDPR";

    /// <summary>Public holidays (<c>yyyy-MM-dd</c>) that are no working days: a UK GDPR due date moves past them, CCPA's business days skip them.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>A PNG or JPEG logo for the PDF report's cover (relative paths are under the content root); empty for the portal's own.</summary>
    public string? LogoPath { get; set; }

    /// <summary>Where a data subject can complain, printed in the PDF report.</summary>
    public SupervisoryAuthorityOptions SupervisoryAuthority { get; set; } = new();

    /// <summary>The language (<c>en</c>, <c>nl</c>, <c>de</c> or <c>fr</c>) of a subject who chose none, and the texts above are in.</summary>
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// The texts above in other languages, by language tag (<c>Organisation:Translations:nl:Name</c>,
    /// <c>…:nl:SupervisoryAuthority:Text</c>); what a language leaves out is read in the default language.
    /// </summary>
    public Dictionary<string, OrganisationTranslation> Translations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>These settings as a subject reading <paramref name="language"/> sees them: its translations where given.</summary>
    public OrganisationOptions In(string? language)
    {
        var translation = Translations.FirstOrDefault(t => string.Equals(t.Key, language, StringComparison.OrdinalIgnoreCase)).Value;
        if (language is null || translation is null)
        {
            return this;
        }

        var authority = translation.SupervisoryAuthority;
        var copy = (OrganisationOptions)MemberwiseClone();
        copy.Name = Given(translation.Name) ?? Name;
        copy.SupervisoryAuthority = new SupervisoryAuthorityOptions
        {
            Name = Given(authority?.Name) ?? SupervisoryAuthority.Name,
            Url = Given(authority?.Url) ?? SupervisoryAuthority.Url,
            Text = Given(authority?.Text) ?? SupervisoryAuthority.Text,
        };
        return copy;
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>One language's version of the organisation's texts; empty members fall back to the default language's.</summary>
public sealed class OrganisationTranslation
{
    public string? Name { get; set; }

    public SupervisoryAuthorityTranslation? SupervisoryAuthority { get; set; }
}

/// <summary>One language's version of the supervisory authority's texts.</summary>
public sealed class SupervisoryAuthorityTranslation
{
    public string? Name { get; set; }

    public string? Url { get; set; }

    public string? Text { get; set; }
}

/// <summary>The <c>Organisation:SupervisoryAuthority</c> section: the authority a data subject may complain to (GDPR Art. 77).</summary>
public sealed class SupervisoryAuthorityOptions
{
    public const string DefaultText =
        "You have the right to lodge a complaint with a data protection supervisory authority, in particular in the " +
        "member state of the European Union where you live or work, or where you believe the infringement took place.";

    /// <summary>The authority's name, for example "Autoriteit Persoonsgegevens"; empty when none is named.</summary>
    public string? Name { get; set; }

    /// <summary>Where to complain, for example the authority's complaint page.</summary>
    public string? Url { get; set; }

    /// <summary>The complaint paragraph; the default states the right of Art. 77 in general terms, in the subject's language.</summary>
    public string Text { get; set; } = DefaultText;
}
