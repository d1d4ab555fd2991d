using System.Text.RegularExpressions;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources;

/// <summary>What every source configured under <c>Sources</c> has: a key, a title, the subjects it serves and its Art. 15(1) facts.</summary>
public abstract partial class ConfiguredSourceOptions
{
    /// <summary>Short unique name, used in the result's <c>meta</c> and in messages.</summary>
    public string Key { get; set; } = "";

    /// <summary>The name a data subject reads in the PDF.</summary>
    public string Title { get; set; } = "";

    /// <summary>Wire names (<c>email</c>, <c>profile</c>, <c>subprofile</c>); empty means all three.</summary>
    public List<string> SubjectTypes { get; set; } = [];

    public SourceFacts Facts { get; set; } = new();

    /// <summary>The subject types as parsed; call after <see cref="Validate"/> found no problems.</summary>
    public IReadOnlyList<SubjectType> ServedSubjectTypes()
    {
        if (SubjectTypes.Count == 0)
        {
            return Enum.GetValues<SubjectType>();
        }

        var served = new List<SubjectType>();
        foreach (var name in SubjectTypes)
        {
            if (SubjectTypeNames.TryParse(name, out var type) && !served.Contains(type))
            {
                served.Add(type);
            }
        }

        return served;
    }

    /// <summary>Adds a message naming the setting for each thing wrong; <paramref name="path"/> is this source's section, e.g. <c>Sources:Sql:0</c>.</summary>
    public virtual void Validate(string path, ICollection<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Key))
        {
            problems.Add($"{path}:Key is missing; every source needs a short unique key such as 'crm'.");
        }
        else if (!KeyPattern().IsMatch(Key))
        {
            problems.Add($"{path}:Key '{Key}' may hold only letters, digits, '-' and '_' (at most 64, starting with a letter or digit).");
        }

        if (string.IsNullOrWhiteSpace(Title))
        {
            problems.Add($"{path}:Title is missing; it is the name the data subject reads in the PDF.");
        }

        for (var i = 0; i < SubjectTypes.Count; i++)
        {
            if (!SubjectTypeNames.TryParse(SubjectTypes[i], out _))
            {
                problems.Add($"{path}:SubjectTypes:{i} is '{SubjectTypes[i]}'; use {SubjectTypeNames.Email}, {SubjectTypeNames.Profile} or {SubjectTypeNames.Subprofile}.");
            }
        }
    }

    protected SourceDescription Describe(IReadOnlyList<CategoryDescription> categories) =>
        new(Key, Title, ServedSubjectTypes(), categories, Facts);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex KeyPattern();
}

/// <summary>A category as configured: its name (the records' <c>type</c>) and what it holds, in plain words.</summary>
public class SourceCategoryOptions
{
    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    public CategoryDescription Describe() => new(Name.Trim(), Description.Trim());
}
