using System.Net;
using System.Text.Json;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Operations;

public class HealthEndpointsTests
{
    [Fact]
    public async Task FreshSqliteFile_AppStarts_MigratesSeeds_AndIsHealthy()
    {
        using var factory = new PortalFactory();
        Assert.False(File.Exists(factory.DatabasePath));

        var response = await factory.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetString());
        Assert.True(File.Exists(factory.DatabasePath));
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.True(await db.Users.AnyAsync(u => u.Email == PortalFactory.AdminEmail));
    }

    [Fact]
    public async Task DatabaseUnreachable_Answers503_WithoutDetails()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        SqliteConnection.ClearAllPools();
        Directory.Delete(factory.DataDirectory, recursive: true);
        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"database\":\"Unhealthy\"", text);
        Assert.DoesNotContain(factory.DataDirectory, text);
    }
}
