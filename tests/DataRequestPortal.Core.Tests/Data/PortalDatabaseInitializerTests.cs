using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Data;

public sealed class PortalDatabaseInitializerTests : IDisposable
{
    private const string AdminEmail = "admin@example.com";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));

    public PortalDatabaseInitializerTests() => Directory.CreateDirectory(directory);

    [Fact]
    public async Task InitializePortalDatabaseAsync_ThreeProcessesStartingTogetherOnAnEmptyDatabase_MigrateAndSeedOnce()
    {
        var shared = Path.Combine(directory, "shared.db");
        var processes = Enumerable.Range(1, 3).Select(p => Portal(shared, p)).ToList();

        await Task.WhenAll(processes.Select(p => Task.Run(() => p.InitializePortalDatabaseAsync())));

        // One process alone on its own database is the measure of "once".
        await using var alone = Portal(Path.Combine(directory, "alone.db"), 0);
        await alone.InitializePortalDatabaseAsync();
        var expected = await ContentsAsync(alone);
        var actual = await ContentsAsync(processes[0]);
        Assert.Equal(expected, actual);
        Assert.Equal(1, actual.Admins);
        Assert.True(actual.Requests > 0 && actual.Profiles > 0);
        foreach (var process in processes)
        {
            await process.DisposeAsync();
        }
    }

    [Fact]
    public async Task InitializePortalDatabaseAsync_AgainOnASeededDatabase_AddsNothing()
    {
        var path = Path.Combine(directory, "portal.db");
        await using var first = Portal(path, 1);
        await first.InitializePortalDatabaseAsync();
        var before = await ContentsAsync(first);

        await using var restarted = Portal(path, 2);
        await restarted.InitializePortalDatabaseAsync();

        Assert.Equal(before, await ContentsAsync(restarted));
    }

    private sealed record Contents(int Migrations, int Roles, int Users, int Admins, int Profiles, int Messages, int Requests);

    private static async Task<Contents> ContentsAsync(ServiceProvider portal)
    {
        await using var scope = portal.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var admins = await (from user in db.Users
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where role.Name == PortalRoles.Admin
                            select user.Id).CountAsync();
        return new Contents(
            (await db.Database.GetAppliedMigrationsAsync()).Count(),
            await db.Roles.CountAsync(),
            await db.Users.CountAsync(),
            admins,
            await db.PlatformProfiles.CountAsync(),
            await db.PlatformMessages.CountAsync(),
            await db.DataRequests.CountAsync());
    }

    /// <summary>The services of one portal process with the development seed settings, on the SQLite file at <paramref name="path"/>.</summary>
    private ServiceProvider Portal(string path, int process)
    {
        // Each process its own connection string, as separate processes share no pooled connection.
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, DefaultTimeout = 60 + process }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Portal"] = connection,
            ["Seed:AdminEmail"] = AdminEmail,
            ["Seed:AdminPassword"] = "Correct-Horse-42",
            ["Seed:DemoData"] = "true",
            ["Seed:DemoRequests"] = "true",
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddPortalCore(configuration, directory);
        services.AddPortalIdentityStores();
        return services.BuildServiceProvider();
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned eventually.
        }
    }
}
