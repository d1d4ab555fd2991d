using DataRequestPortal.Core;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Hosting;

public sealed class OperatorCommandsTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider services;
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();

    public OperatorCommandsTests()
    {
        Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(directory, "portal.db")};Pooling=False" })
            .Build();
        services = new ServiceCollection().AddLogging().AddPortalCore(configuration, directory).BuildServiceProvider();
    }

    [Theory]
    [InlineData(true, "seed-demo")]
    [InlineData(true, "create-token", "--name", "x")]
    [InlineData(true, "seed-dmeo")]
    [InlineData(false)]
    [InlineData(false, "--urls", "http://localhost:5000")]
    [InlineData(false, "ConnectionStrings:Portal=Data Source=x.db")]
    public void IsCommand_TellsCommandsFromTheWebServersOwnArguments(bool expected, params string[] args)
    {
        Assert.Equal(expected, OperatorCommands.IsCommand(args));
    }

    [Fact]
    public async Task RunAsync_UnknownCommand_ListsTheCommandsAndExitsWithTwo()
    {
        var code = await OperatorCommands.RunAsync(services, ["seed-dmeo"], output, error);

        Assert.Equal(2, code);
        Assert.Contains("Unknown command 'seed-dmeo'. Commands: seed-demo, create-token.", error.ToString());
        Assert.Contains("Usage: seed-demo", error.ToString());
    }

    [Fact]
    public async Task RunAsync_SeedDemoWithBadArguments_PrintsTheProblemAndUsageAndExitsWithTwo()
    {
        var code = await OperatorCommands.RunAsync(services, ["seed-demo", "--events", "lots"], output, error);

        Assert.Equal(2, code);
        Assert.StartsWith("--events needs a whole number of at least 1; 'lots' is not.", error.ToString());
        Assert.Contains("Usage: seed-demo [--profiles N] [--events N] [--messages N]", error.ToString());
        Assert.False(File.Exists(Path.Combine(directory, "portal.db")), "A command that was not understood touches no database.");
    }

    [Fact]
    public async Task RunAsync_SeedDemo_MigratesFillsTheStoreAndNamesTheBenchmarkSubject()
    {
        var code = await OperatorCommands.RunAsync(services, ["seed-demo", "--profiles", "20", "--events", "2000", "--messages", "300"], output, error);

        Assert.Equal(0, code);
        Assert.Equal("", error.ToString());
        Assert.Contains("Done in", output.ToString());
        Assert.Contains("20 profiles", output.ToString());
        Assert.Contains("2,000 opens and clicks", output.ToString());
        Assert.Contains("bench-1000@example.com", output.ToString());
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(300, await db.PlatformMessages.CountAsync());
    }

    [Fact]
    public async Task RunAsync_SeedDemoTwice_RefusesTheSecondTimeAndExitsWithOne()
    {
        await OperatorCommands.RunAsync(services, ["seed-demo", "--profiles", "5", "--events", "100"], output, error);

        var code = await OperatorCommands.RunAsync(services, ["seed-demo", "--profiles", "5", "--events", "100"], output, error);

        Assert.Equal(1, code);
        Assert.Contains("already holds data", error.ToString());
    }

    public void Dispose()
    {
        services.Dispose();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}
