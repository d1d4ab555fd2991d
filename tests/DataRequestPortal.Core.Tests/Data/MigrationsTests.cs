using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DataRequestPortal.Core.Tests.Data;

public class MigrationsTests
{
    // No server is contacted: generating a script and comparing the model need only the provider.
    private const string SqlServerConnection = "Server=sqlserver.invalid;Database=DataRequestPortal;User Id=sa;Password=unused;TrustServerCertificate=True";

    private static PortalDbContext Context(DatabaseProvider provider, string connectionString) =>
        new(PortalDatabase.Options(provider, connectionString));

    [Fact]
    public void SqlServerMigrations_GenerateAnIdempotentScriptForTheWholeSchema()
    {
        using var db = Context(DatabaseProvider.SqlServer, SqlServerConnection);
        var migrator = db.GetService<IMigrator>();

        var script = migrator.GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.Contains("CREATE TABLE [DataRequests]", script);
        Assert.Contains("CREATE TABLE [TimelineEntries]", script);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script);
        Assert.Contains("[ReceivedAt] datetimeoffset NOT NULL", script);
        Assert.Contains("[DueDate] date NOT NULL", script);
        Assert.Contains("IF NOT EXISTS", script);
    }

    [Fact]
    public void SqlServer_ComparesSubjectsAsThePortalDoes_CodePointByCodePoint()
    {
        using var db = Context(DatabaseProvider.SqlServer, SqlServerConnection);

        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        // A case- or width-insensitive default collation would make two different canonical subjects one person there.
        Assert.Contains("ALTER TABLE [DataRequests] ALTER COLUMN [SubjectId] nvarchar(254) COLLATE Latin1_General_100_BIN2 NOT NULL", script);
        Assert.Contains("ALTER TABLE [SignInChallenges] ALTER COLUMN [Email] nvarchar(254) COLLATE Latin1_General_100_BIN2 NOT NULL", script);
    }

    [Fact]
    public void SqlServer_KeepsTheOneRequestRulesInFilteredUniqueIndexes()
    {
        using var db = Context(DatabaseProvider.SqlServer, SqlServerConnection);

        // Not idempotent: that form wraps each statement in EXEC(N'…'), doubling the quotes.
        var script = db.GetService<IMigrator>().GenerateScript();

        Assert.Contains(
            "CREATE UNIQUE INDEX [UX_DataRequests_ActiveSelfService] ON [DataRequests] ([SubjectType], [SubjectId]) "
            + "WHERE [Channel] = 'SelfService' AND [State] IN ('Unverified', 'Queued', 'Collecting', 'Failed', 'AwaitingSubject', 'InReview')",
            script);
        Assert.Contains(
            "CREATE UNIQUE INDEX [UX_DataRequests_OpenApiRequest] ON [DataRequests] ([ApiTokenId], [SubjectType], [SubjectId]) "
            + "WHERE [ApiTokenId] IS NOT NULL AND [State] IN ('Queued', 'Collecting', 'Failed', 'AwaitingSubject', 'InReview')",
            script);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Migrations_MatchTheModel_NoPendingChanges(DatabaseProvider provider)
    {
        using var db = Context(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : SqlServerConnection);

        Assert.False(db.Database.HasPendingModelChanges(), $"The {provider} model has changes without a migration: add one for each provider (README, 'Changing the database').");
    }

    [Fact]
    public void EachProvider_UsesItsOwnMigrations()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite, "Data Source=:memory:");
        using var sqlServer = Context(DatabaseProvider.SqlServer, SqlServerConnection);

        Assert.Equal(
            "DataRequestPortal.Migrations.Sqlite",
            sqlite.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
        Assert.Equal(
            "DataRequestPortal.Migrations.SqlServer",
            sqlServer.GetService<IMigrationsAssembly>().Assembly.GetName().Name);
    }

    [Fact]
    public async Task SqliteMigrations_CreateAWorkingDatabaseFromNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await db.DataRequests.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync());
    }

    [Fact]
    public async Task SqliteMigration_ToSeveralReportTargets_KeepsEachRequestsTargetAndItsDelivery()
    {
        await using var database = await TestDatabase.CreateAtAsync("SignInSecurity");
        await using (var old = database.CreateDbContext())
        {
            await InsertAsync(old, "DataRequests", new() { ["Id"] = 4242424242424242L, ["ReportTarget"] = "https://crm.example.com/hook", ["ReceivedAt"] = 638000000000000000L });
            await InsertAsync(old, "DataRequests", new() { ["Id"] = 5353535353535353L });
            await InsertAsync(old, "ReportDeliveries", new() { ["Id"] = 1L, ["DataRequestId"] = 4242424242424242L, ["Kind"] = "Result", ["Target"] = "https://crm.example.com/hook" });
        }

        await using (var migrating = database.CreateDbContext())
        {
            await migrating.Database.MigrateAsync();
        }

        await using var db = database.CreateDbContext();
        var target = await db.ReportTargets.SingleAsync();
        Assert.Equal((4242424242424242L, 1, "https://crm.example.com/hook"), (target.DataRequestId, target.Number, target.Target));
        Assert.Equal(1, await db.ReportDeliveries.Select(d => d.TargetNumber).SingleAsync());
    }

    /// <summary>A row as an older schema had it: the given values, and a zero or empty value in every other required column.</summary>
    private static async Task InsertAsync(PortalDbContext db, string table, Dictionary<string, object> values)
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var columns = new List<(string Name, string Type, bool Required)>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info(\"{table}\")";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(1), reader.GetString(2), reader.GetInt64(3) == 1 && reader.IsDBNull(4)));
            }
        }

        await using var insert = connection.CreateCommand();
        var named = columns.Where(c => values.ContainsKey(c.Name) || c.Required).ToList();
        insert.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", named.Select(c => $"\"{c.Name}\""))}) VALUES ({string.Join(", ", named.Select((_, i) => $"$p{i}"))})";
        for (var i = 0; i < named.Count; i++)
        {
            var parameter = insert.CreateParameter();
            parameter.ParameterName = $"$p{i}";
            parameter.Value = values.TryGetValue(named[i].Name, out var value) ? value : named[i].Type == "TEXT" ? "" : 0;
            insert.Parameters.Add(parameter);
        }

        await insert.ExecuteNonQueryAsync();
    }

    [Theory]
    [InlineData(null, DatabaseProvider.Sqlite)]
    [InlineData("", DatabaseProvider.Sqlite)]
    [InlineData("sqlite", DatabaseProvider.Sqlite)]
    [InlineData("SqlServer", DatabaseProvider.SqlServer)]
    public void ParseProvider_ReadsTheConfiguredValue(string? value, DatabaseProvider expected)
    {
        Assert.Equal(expected, PortalDatabase.ParseProvider(value));
    }

    [Fact]
    public void ParseProvider_UnknownValue_SaysWhatIsAllowed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PortalDatabase.ParseProvider("Postgres"));
        Assert.Contains("'Sqlite' or 'SqlServer'", error.Message);
    }

    [Fact]
    public void ResolveSqlitePath_IsAnchoredAtTheContentRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));

        var resolved = PortalDatabase.ResolveSqlitePath("Data Source=App_Data/portal.db", root);

        Assert.Contains(Path.Combine(root, "App_Data", "portal.db"), resolved);
        Assert.True(Directory.Exists(Path.Combine(root, "App_Data")));
        Assert.Equal("Data Source=:memory:", PortalDatabase.ResolveSqlitePath("Data Source=:memory:", root));
        Directory.Delete(root, recursive: true);
    }
}
