using DataRequestPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>A fresh SQLite file with the portal's migrations applied, deleted when the test ends.</summary>
public sealed class TestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));

    private TestDatabase()
    {
        Directory.CreateDirectory(directory);
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(directory, "portal.db"), Pooling = false }.ToString();
    }

    public string ConnectionString { get; }

    public DbContextOptions<PortalDbContext> Options => PortalDatabase.Options(DatabaseProvider.Sqlite, ConnectionString);

    public static async Task<TestDatabase> CreateAsync()
    {
        var database = new TestDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    /// <summary>A database as it was after <paramref name="migration"/>, for testing what a later migration does to existing rows.</summary>
    public static async Task<TestDatabase> CreateAtAsync(string migration)
    {
        var database = new TestDatabase();
        await using var db = database.CreateDbContext();
        await db.Database.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync(migration);
        return database;
    }

    public PortalDbContext CreateDbContext() => new(Options);

    /// <summary>
    /// Contexts on the same file as another portal process would open them: a connection string of its own, so it
    /// shares no pooled connection and no write queue (<see cref="DatabaseWrites"/>) with this one, only the database.
    /// </summary>
    public IDbContextFactory<PortalDbContext> AnotherProcess(int process)
    {
        var builder = new SqliteConnectionStringBuilder(ConnectionString) { DefaultTimeout = 60 + process };
        return new ProcessContexts(PortalDatabase.Options(DatabaseProvider.Sqlite, builder.ToString()));
    }

    private sealed class ProcessContexts(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned eventually.
        }

        return ValueTask.CompletedTask;
    }
}
