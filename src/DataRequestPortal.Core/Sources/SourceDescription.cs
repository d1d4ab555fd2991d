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
}
