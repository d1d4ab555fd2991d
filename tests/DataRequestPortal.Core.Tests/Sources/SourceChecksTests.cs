using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Sources;

public class SourceChecksTests : IAsyncLifetime
{
    private static readonly Actor Admin = Actor.Staff("admin@example.org");
    private TestDatabase database = default!;

    public async Task InitializeAsync() => database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await database.DisposeAsync();

    [Fact]
    public async Task CheckAsync_SqlSource_OpensTheDatabase_AndTheAuditLogRecordsTheTest()
    {
        using var shop = ShopDatabase.Create();

        var result = await CheckAsync("shop", SqlSettings(shop.ConnectionString));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("Opened the SQLite database and ran a test query.", result.Message);
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.SourceTested, "shop", "admin@example.org"), (entry.Action, entry.Target, entry.ActorName));
        Assert.StartsWith("reachable in ", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_SqlSourceWhoseFileIsGone_Fails_WithoutQuotingTheConnectionString()
    {
        var missing = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"), "shop.db");

        var result = await CheckAsync("shop", SqlSettings($"Data Source={missing};Password=hunter2-secret"));

        Assert.False(result.Succeeded);
        Assert.StartsWith("SQL source 'shop' could not use its database:", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2-secret", (await AuditAsync())[0].Detail, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
    }

    [Fact]
    public async Task CheckAsync_HttpSource_AsksTheHostsRoot_WithoutSubjectOrKey()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/", () => Results.Text("ok")));

        var result = await CheckAsync("crm",
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", server.Address + "/api/customers?email={subject}&key=k-123-secret"),
            ("Sources:Http:0:Headers:X-Api-Key", "k-456-secret"),
            ("Sources:Http:0:Category:Name", "ticket"));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal($"127.0.0.1:{new Uri(server.Address).Port} answered (200 OK for its root address).", result.Message);
        var received = Assert.Single(server.Received);
        Assert.Equal("/", received.Target);
        Assert.False(received.Headers.ContainsKey("X-Api-Key"));
    }

    [Fact]
    public async Task CheckAsync_HttpSourceNobodyListensTo_Fails_NamingOnlyTheHost()
    {
        string address;
        await using (var server = await LocalHttpServer.StartAsync(_ => { }))
        {
            address = server.Address;
        }

        var result = await CheckAsync("crm",
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", address + "/api/customers?email={subject}&key=k-123-secret"),
            ("Sources:Http:0:Category:Name", "ticket"));

        Assert.False(result.Succeeded);
        Assert.Equal($"127.0.0.1:{new Uri(address).Port} could not be used: no connection could be made.", result.Message);
    }

    [Fact]
    public async Task CheckAsync_Upstream_IsAskedWithTheToken_AndNothingIsFiled()
    {
        await using var upstream = await UpstreamServer.StartAsync();

        var result = await CheckAsync("smtpeter", UpstreamSettings(upstream, UpstreamServer.Token));

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("The datarequest API answered and accepted the token (v2).", result.Message);
        Assert.Empty(upstream.Filed);
        Assert.DoesNotContain(UpstreamServer.Token, (await AuditAsync())[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_UpstreamRefusingTheToken_Fails_WithoutShowingIt()
    {
        await using var upstream = await UpstreamServer.StartAsync();

        var result = await CheckAsync("smtpeter", UpstreamSettings(upstream, "wrong-token-4d2e"));

        Assert.False(result.Succeeded);
        Assert.Equal("Upstream source 'smtpeter' refused the access token (401 Unauthorized); check the source's Token and TokenIn.", result.Message);
        Assert.DoesNotContain("wrong-token-4d2e", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckAsync_PlatformStore_AsksThePortalsDatabase()
    {
        var (clock, time) = TestClock.At("2026-11-24T09:00:00Z");
        var catalog = new SourceCatalog([new PlatformStoreSource(database, new PlatformStoreOptions())]);

        var result = await new SourceChecks(catalog, new AuditLog(database, clock), time).CheckAsync(PlatformStoreSource.Key, Admin);

        Assert.True(result.Succeeded, result.Message);
        Assert.Equal("The portal's own database answered.", result.Message);
    }

    private static (string, string)[] SqlSettings(string connectionString) =>
    [
        ("Sources:Sql:0:Key", "shop"),
        ("Sources:Sql:0:Title", "Web shop"),
        ("Sources:Sql:0:Provider", "Sqlite"),
        ("Sources:Sql:0:ConnectionString", connectionString),
        ("Sources:Sql:0:Categories:0:Name", "customer"),
        ("Sources:Sql:0:Categories:0:Query", "SELECT name FROM customers WHERE email = @subject"),
    ];

    private static (string, string)[] UpstreamSettings(UpstreamServer upstream, string token) =>
    [
        ("Sources:Upstream:0:Key", "smtpeter"),
        ("Sources:Upstream:0:Title", "SMTPeter (sent mail)"),
        ("Sources:Upstream:0:BaseUrl", upstream.BaseUrl),
        ("Sources:Upstream:0:Token", token),
    ];

    private async Task<SourceCheckResult> CheckAsync(string key, params (string Key, string Value)[] settings)
    {
        var (clock, _) = TestClock.At("2026-11-24T09:00:00Z");
        await using var services = ConfiguredSources.Build(settings);
        var checks = new SourceChecks(services.GetRequiredService<SourceCatalog>(), new AuditLog(database, clock), TimeProvider.System);
        return await checks.CheckAsync(key, Admin);
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }
}
