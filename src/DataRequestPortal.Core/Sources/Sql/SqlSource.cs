using System.Data;
using System.Data.Common;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace DataRequestPortal.Core.Sources.Sql;

/// <summary>
/// Reads a subject's rows from a configured database: per category one query, with the subject passed only as the
/// parameters <c>@subject</c> and <c>@subjectType</c>. Each row becomes a record whose members are the columns.
/// </summary>
public sealed class SqlSource : IDataSource, ISourceConnectionCheck
{
    private readonly SqlSourceOptions options;
    private readonly DatabaseProvider provider;
    private readonly string connectionString;

    public SqlSource(SqlSourceOptions options)
    {
        this.options = options;
        provider = options.ParsedProvider();
        connectionString = provider == DatabaseProvider.Sqlite ? ReadOnlySqlite(options.ConnectionString) : options.ConnectionString;
        Description = options.Describe();
    }

    public SourceDescription Description { get; }

    public async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"SQL source '{Description.Key}' could not open its database: {ex.Message}", ex);
        }

        for (var i = 0; i < options.Categories.Count; i++)
        {
            var category = Description.Categories[i].Name;
            output.BeginCategory(category);
            try
            {
                await WriteCategoryAsync(connection, category, options.Categories[i].Query, subject, output, cancellationToken);
            }
            catch (DbException ex)
            {
                // A database may quote an address it could not convert; the message goes to logs and timelines, so the
                // address is taken out, and the original exception is not kept.
                var message = subject.Type == SubjectType.Email ? ex.Message.Replace(subject.Identifier, "[subject]", StringComparison.OrdinalIgnoreCase) : ex.Message;
                throw new DataSourceException($"SQL source '{Description.Key}', category '{category}': {message}");
            }
        }
    }

    /// <summary>Opens the database and runs <c>SELECT 1</c>: no category's query, so nobody's rows are read.</summary>
    public async Task<string> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        await using var connection = Connect();
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            command.CommandTimeout = Math.Min(options.CommandTimeoutSeconds, (int)SourceChecks.Limit.TotalSeconds);
            await command.ExecuteScalarAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new DataSourceException($"SQL source '{Description.Key}' could not use its database: {ex.Message}", ex);
        }

        return $"Opened the {(provider == DatabaseProvider.Sqlite ? "SQLite" : "SQL Server")} database and ran a test query.";
    }

    private DbConnection Connect() => provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(connectionString)
        : new SqlConnection(connectionString);

    private async Task WriteCategoryAsync(DbConnection connection, string category, string query, Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = query;
        command.CommandTimeout = options.CommandTimeoutSeconds;
        AddParameter(command, "@subject", subject.Type == SubjectType.Email ? subject.Identifier : long.Parse(subject.Identifier, System.Globalization.CultureInfo.InvariantCulture));
        AddParameter(command, "@subjectType", subject.Type.ToWireName());

        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
        var columns = ColumnsOf(reader, category);
        while (await reader.ReadAsync(cancellationToken))
        {
            var record = output.BeginRecord(category);
            for (var i = 0; i < columns.Length; i++)
            {
                SqlColumnValue.Write(record, columns[i].Name, reader.GetValue(i), columns[i].DataType);
            }

            await output.EndRecordAsync(cancellationToken);
        }
    }

    /// <summary>The columns become member names, so each needs a name of its own and none may take the place of <c>type</c>.</summary>
    private (string Name, string DataType)[] ColumnsOf(DbDataReader reader, string category)
    {
        var columns = new (string Name, string DataType)[reader.FieldCount];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < columns.Length; i++)
        {
            var name = reader.GetName(i);
            var problem = name switch
            {
                "" => $"column {i + 1} has no name; name it with AS.",
                "type" => "a column is named 'type', but a record's type is its category; rename the column with AS.",
                _ when !seen.Add(name) => $"two columns are named '{name}'; give each its own name with AS.",
                _ => null,
            };
            if (problem is not null)
            {
                throw new DataSourceException($"SQL source '{Description.Key}', category '{category}': {problem}");
            }

            columns[i] = (name, reader.GetDataTypeName(i));
        }

        return columns;
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        parameter.DbType = value is long ? DbType.Int64 : DbType.String;
        command.Parameters.Add(parameter);
    }

    // A source only reads; read-only also keeps a mistyped path from creating an empty database file.
    private static string ReadOnlySqlite(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.ReadWriteCreate)
        {
            builder.Mode = SqliteOpenMode.ReadOnly;
        }

        return builder.ToString();
    }
}
