using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources;

/// <summary>Every configured source, in the order their categories appear in a result.</summary>
public sealed class SourceCatalog
{
    public SourceCatalog(IEnumerable<IDataSource> sources)
    {
        All = [.. sources];
        var duplicate = All.GroupBy(s => s.Description.Key, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two data sources are named '{duplicate.Key}'; every source needs its own name.");
        }
    }

    public IReadOnlyList<IDataSource> All { get; }

    /// <summary>The sources that hold data about subjects of this type.</summary>
    public IReadOnlyList<IDataSource> For(SubjectType type) => [.. All.Where(s => s.Description.Serves(type))];
}
