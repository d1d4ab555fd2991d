using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// How the portal connects to its database: the one place that knows both providers and where each
/// keeps its migrations. Used by the app, by the migration tools at design time and by tests.
/// </summary>
public static class PortalDatabase
{
    public const string ConnectionStringName = "Portal";

    public const string DefaultSqliteConnectionString = "Data Source=App_Data/portal.db";

    public static string MigrationsAssembly(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "DataRequestPortal.Migrations.Sqlite",
        DatabaseProvider.SqlServer => "DataRequestPortal.Migrations.SqlServer",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new InvalidOperationException(
                $"Database:Provider is '{value}'; use '{DatabaseProvider.Sqlite}' or '{DatabaseProvider.SqlServer}'.");
    }

    /// <summary>Options for a context outside dependency injection: design-time tools, operator commands, tests.</summary>
    public static DbContextOptions<PortalDbContext> Options(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(options, provider, connectionString);
        return options.Options;
    }

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        return provider switch
        {
            DatabaseProvider.Sqlite => options
                .UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(MigrationsAssembly(provider)))
                .AddInterceptors(SqliteConnectionSettings.Instance),
            DatabaseProvider.SqlServer => options.UseSqlServer(connectionString, sqlServer =>
            {
                sqlServer.MigrationsAssembly(MigrationsAssembly(provider));
                sqlServer.EnableRetryOnFailure();
            }),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
        };
    }

    /// <summary>
    /// SQLite resolves a relative file against the process's working directory; the portal resolves it
    /// against its content root instead, so the database is in the same place however it is started.
    /// </summary>
    public static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var dataSource = builder.DataSource;
        if (string.IsNullOrEmpty(dataSource)
            || dataSource == ":memory:"
            || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var path = Path.GetFullPath(Path.IsPathRooted(dataSource) ? dataSource : Path.Combine(contentRoot, dataSource));
        PrivateFiles.CreateFolder(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
