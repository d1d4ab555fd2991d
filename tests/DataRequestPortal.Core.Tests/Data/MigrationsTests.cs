using DataRequestPortal.Core.Data;
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
