using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// What a source is, whom it serves and what it holds. <see cref="Categories"/> lists the categories it always
/// writes, in order (empty ones included); an empty list means the source names its categories as it goes.
/// </summary>
public sealed record SourceDescription(
    string Key,
    string Title,
    IReadOnlyList<SubjectType> SubjectTypes,
    IReadOnlyList<CategoryDescription> Categories,
    SourceFacts Facts)
{
    public bool Serves(SubjectType type) => SubjectTypes.Contains(type);

    public bool HasFixedCategories => Categories.Count > 0;
}

/// <summary>One kind of record: its name (the records' <c>type</c>) and what it contains, in plain words.</summary>
public sealed record CategoryDescription(string Name, string Description);

/// <summary>
/// The facts GDPR Art. 15(1) says a subject must be told about a source's data. Bound from configuration, so
/// every member has a setter.
/// </summary>
public sealed class SourceFacts
{
    /// <summary>(a) Why the data is processed.</summary>
    public List<string> Purposes { get; set; } = [];

    /// <summary>(c) Who receives it, by name or category of recipient.</summary>
    public List<string> Recipients { get; set; } = [];

    /// <summary>(d) How long it is kept, or the criteria that decide.</summary>
    public string Retention { get; set; } = "";

    /// <summary>(g) Where it came from when not from the subject.</summary>
    public string Origin { get; set; } = "";

    /// <summary>(h) Automated decision-making, including profiling; "None" when there is none.</summary>
    public string AutomatedDecisionMaking { get; set; } = "None";

    /// <summary>
    /// These facts in other languages, by language tag (<c>Facts:Translations:nl:Purposes:0</c>); what a language
    /// leaves out is read from the facts above.
    /// </summary>
    public Dictionary<string, SourceFactsTranslation> Translations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The facts as a subject reading <paramref name="language"/> is told them.</summary>
    public SourceFacts In(string? language)
    {
        var translation = Translations.FirstOrDefault(t => string.Equals(t.Key, language, StringComparison.OrdinalIgnoreCase)).Value;
        return language is null || translation is null
            ? this
            : new SourceFacts
            {
                Purposes = translation.Purposes is { Count: > 0 } purposes ? purposes : Purposes,
                Recipients = translation.Recipients is { Count: > 0 } recipients ? recipients : Recipients,
                Retention = Given(translation.Retention) ?? Retention,
                Origin = Given(translation.Origin) ?? Origin,
                AutomatedDecisionMaking = Given(translation.AutomatedDecisionMaking) ?? AutomatedDecisionMaking,
            };
    }

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;
}

/// <summary>One language's version of a source's Art. 15(1) facts; empty members fall back to the untranslated facts.</summary>
public sealed class SourceFactsTranslation
{
    public List<string>? Purposes { get; set; }

    public List<string>? Recipients { get; set; }

    public string? Retention { get; set; }

    public string? Origin { get; set; }

    public string? AutomatedDecisionMaking { get; set; }
}
