using System.Text.RegularExpressions;
using DataRequestPortal.Core.Data;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace DataRequestPortal.Core.Sources.Sql;

/// <summary>A database the organisation reads personal data from (<c>Sources:Sql:N</c>): one parameterised query per category.</summary>
public sealed partial class SqlSourceOptions : ConfiguredSourceOptions
{
    public const string Kind = "Sql";

    /// <summary><c>Sqlite</c> or <c>SqlServer</c>.</summary>
    public string Provider { get; set; } = "";

    public string ConnectionString { get; set; } = "";

    /// <summary>Seconds one category's query may run; never unlimited, so a stuck database cannot hold a request forever.</summary>
    public int CommandTimeoutSeconds { get; set; } = 30;

    public List<SqlCategoryOptions> Categories { get; set; } = [];

    public DatabaseProvider ParsedProvider() => Enum.Parse<DatabaseProvider>(Provider.Trim(), ignoreCase: true);

    public SourceDescription Describe() => Describe([.. Categories.Select(c => c.Describe())]);

    public override void Validate(string path, ICollection<string> problems)
    {
        base.Validate(path, problems);

        var providerKnown = Enum.TryParse<DatabaseProvider>(Provider.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider);
        if (string.IsNullOrWhiteSpace(Provider))
        {
            problems.Add($"{path}:Provider is missing; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.SqlServer}'.");
        }
        else if (!providerKnown)
        {
            problems.Add($"{path}:Provider is '{Provider}'; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.SqlServer}'.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            problems.Add($"{path}:ConnectionString is missing.");
        }
        else if (providerKnown && !IsValidConnectionString(provider, ConnectionString))
        {
            // The connection string itself is never repeated: it may hold a password.
            problems.Add($"{path}:ConnectionString is not a valid {provider} connection string.");
        }

        if (CommandTimeoutSeconds < 1)
        {
            problems.Add($"{path}:CommandTimeoutSeconds is {CommandTimeoutSeconds}; give at least 1 second.");
        }

        if (Categories.Count == 0)
        {
            problems.Add($"{path}:Categories is empty; give at least one category with a Name and a Query.");
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < Categories.Count; i++)
        {
            var category = Categories[i];
            var at = $"{path}:Categories:{i}";
            if (string.IsNullOrWhiteSpace(category.Name))
            {
                problems.Add($"{at}:Name is missing; it becomes the records' type.");
            }
            else if (!names.Add(category.Name.Trim()))
            {
                problems.Add($"{at}:Name '{category.Name.Trim()}' is used by another category of this source; every category needs its own name.");
            }

            if (string.IsNullOrWhiteSpace(category.Query))
            {
                problems.Add($"{at}:Query is missing.");
            }
            else if (!SubjectParameter().IsMatch(category.Query))
            {
                problems.Add($"{at}:Query does not use the @subject parameter; without it every subject would get the same rows.");
            }
        }
    }

    private static bool IsValidConnectionString(DatabaseProvider provider, string connectionString)
    {
        try
        {
            _ = provider == DatabaseProvider.Sqlite
                ? (object)new SqliteConnectionStringBuilder(connectionString)
                : new SqlConnectionStringBuilder(connectionString);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }

    // @subject as a whole name, so @subjectType alone does not count.
    [GeneratedRegex("@subject(?![A-Za-z0-9_])")]
    private static partial Regex SubjectParameter();
}

/// <summary>One category of a SQL source: the query that selects its rows for <c>@subject</c>.</summary>
public sealed class SqlCategoryOptions : SourceCategoryOptions
{
    public string Query { get; set; } = "";
}
