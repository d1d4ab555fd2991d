using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Api;

public class ApiTokensTests
{
    [Fact]
    public async Task IssueAsync_ThenCheckAsync_KnowsTheClientByName()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);

        var issued = await tokens.IssueAsync("crm");
        var check = await tokens.CheckAsync(issued.PlainText);

        Assert.Equal(ApiTokenStatus.Active, check.Status);
        Assert.Equal(new ApiClient(issued.Id, "crm"), check.Client);
    }

    [Fact]
    public async Task IssueAsync_TheDatabaseNeverHoldsThePlainToken()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");

        var issued = await new ApiTokens(database, time).IssueAsync("crm");

        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Name || '|' || TokenHash || '|' || SigningSecret FROM ApiTokens";
        var row = (string)(await command.ExecuteScalarAsync())!;
        Assert.DoesNotContain(issued.PlainText[4..], row, StringComparison.Ordinal);
        Assert.Contains(ApiToken.HashOf(issued.PlainText), row, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("drp_not-a-token-anyone-was-given")]
    public async Task CheckAsync_UnknownToken_IsUnknown(string? presented)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        await tokens.IssueAsync("crm");

        var check = await tokens.CheckAsync(presented);

        Assert.Equal(ApiTokenStatus.Unknown, check.Status);
        Assert.Null(check.Client);
    }

    [Fact]
    public async Task CheckAsync_RevokedToken_IsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        var issued = await tokens.IssueAsync("crm");

        Assert.True(await tokens.RevokeAsync(issued.Id));
        var check = await tokens.CheckAsync(issued.PlainText);

        Assert.Equal(ApiTokenStatus.Revoked, check.Status);
        Assert.Null(check.Client);
        Assert.False(await tokens.RevokeAsync(issued.Id + 1000));
    }

    [Fact]
    public async Task CheckAsync_RecordsLastUse_AtMostOncePerMinute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        var issued = await tokens.IssueAsync("crm");
        Assert.Null(await LastUsedAsync(database, issued.Id));

        await tokens.CheckAsync(issued.PlainText);
        var first = time.GetUtcNow();
        time.Advance(TimeSpan.FromSeconds(30));
        await tokens.CheckAsync(issued.PlainText);
        Assert.Equal(first, await LastUsedAsync(database, issued.Id));

        time.Advance(TimeSpan.FromSeconds(31));
        await tokens.CheckAsync(issued.PlainText);
        Assert.Equal(time.GetUtcNow(), await LastUsedAsync(database, issued.Id));
    }

    [Fact]
    public async Task CheckAsync_TokenRevokedInThisProcess_IsRefusedOnItsVeryNextCall()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        var issued = await tokens.IssueAsync("crm");
        Assert.Equal(ApiTokenStatus.Active, (await tokens.CheckAsync(issued.PlainText)).Status);

        await tokens.RevokeAsync(issued.Id);
        var check = await tokens.CheckAsync(issued.PlainText);

        Assert.Equal(ApiTokenStatus.Revoked, check.Status);
        Assert.Null(check.Client);
    }

    [Fact]
    public async Task CheckAsync_TokenRevokedByAnotherPortalProcess_IsRefusedOnceRecheckAfterHasPassed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var here = new ApiTokens(database, time);
        var elsewhere = new ApiTokens(database, time);
        var issued = await here.IssueAsync("crm");
        Assert.Equal(ApiTokenStatus.Active, (await here.CheckAsync(issued.PlainText)).Status);

        await elsewhere.RevokeAsync(issued.Id);
        time.Advance(ApiTokens.RecheckAfter);
        var check = await here.CheckAsync(issued.PlainText);

        Assert.Equal(ApiTokenStatus.Revoked, check.Status);
        Assert.Null(check.Client);
    }

    [Fact]
    public async Task CheckAsync_BetweenReadsOfTheToken_StillRecordsLastUseEveryMinute()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        var issued = await tokens.IssueAsync("crm");
        await tokens.CheckAsync(issued.PlainText);
        var first = time.GetUtcNow();

        // Read again here (more than RecheckAfter since the first call), then answered from memory on the minute.
        time.Advance(ApiTokens.LastUseResolution - (ApiTokens.RecheckAfter / 2));
        await tokens.CheckAsync(issued.PlainText);
        Assert.Equal(first, await LastUsedAsync(database, issued.Id));
        time.Advance(ApiTokens.RecheckAfter / 2);
        await tokens.CheckAsync(issued.PlainText);

        Assert.Equal(time.GetUtcNow(), await LastUsedAsync(database, issued.Id));
    }

    [Fact]
    public async Task ListAsync_ShowsEveryTokenNewestFirst_WithUseAndRevocation_AndTheAuditLogSaysWhoDidIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, time) = TestClock.At("2026-03-10T12:00:00Z");
        var tokens = new ApiTokens(database, time);
        var admin = Actor.Staff("admin@example.org");
        var crm = await tokens.IssueAsync("crm", admin);
        time.Advance(TimeSpan.FromHours(1));
        var shop = await tokens.IssueAsync("shop", admin);
        await tokens.CheckAsync(crm.PlainText);
        await tokens.RevokeAsync(shop.Id, admin);
        await tokens.RevokeAsync(shop.Id, admin);

        var listed = await tokens.ListAsync();

        Assert.Equal(["shop", "crm"], listed.Select(t => t.Name).ToArray());
        Assert.Equal(time.GetUtcNow(), listed[0].RevokedAt);
        Assert.Equal(time.GetUtcNow(), listed[1].LastUsedAt);
        Assert.False(listed[1].IsRevoked);
        await using var db = database.CreateDbContext();
        var audit = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(
            [(AuditAction.TokenCreated, "crm (token 1)"), (AuditAction.TokenCreated, "shop (token 2)"), (AuditAction.TokenRevoked, "shop (token 2)")],
            audit.Select(e => (e.Action, e.Target!)).ToArray());
        Assert.All(audit, e => Assert.Equal("admin@example.org", e.ActorName));
        Assert.DoesNotContain(audit, e => $"{e.Target}{e.Detail}".Contains(crm.SigningSecret, StringComparison.Ordinal));
    }

    private static async Task<DateTimeOffset?> LastUsedAsync(TestDatabase database, int id)
    {
        await using var db = database.CreateDbContext();
        return await db.ApiTokens.Where(t => t.Id == id).Select(t => t.LastUsedAt).SingleAsync();
    }
}
