using System.Net;
using System.Text.Json;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;
using static DataRequestPortal.Web.Tests.TestSupport.PublishedClients;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>
/// The portal against the clients written for SMTPeter and Copernica: each call exactly as the client sends it, and each
/// answer judged as the client judges it (see <see cref="PublishedClients"/>).
/// </summary>
public class PublishedClientsTests : IClassFixture<PublishedClientsTests.HeldPortal>
{
    private const string UnknownId = "1234567890123456";

    private readonly PortalFactory portal;

    public PublishedClientsTests(HeldPortal held) => portal = held.Portal;

    [Fact]
    public async Task CopernicaPost_RepeatedWithNewReportTargets_ReturnsTheSameIdEachTime_AndEveryTargetIsKept()
    {
        var token = (await portal.IssueTokenAsync("copernica-crm")).PlainText;
        var client = portal.CreateClient();

        var first = await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 2, "profile/2/data", Report("first@example.com"))));
        var byUrl = await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 2, "profile/2/data", Report("https://crm.example.com/hooks/datarequest?id=2"))));
        var third = await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 1, "profile/2/datarequest", Report("third@example.com"))));
        var firstAgain = await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 3, "profile/2/datarequest", Report("First@Example.com"))));

        var id = Assert.IsType<PhpValue.Text>(first).Value;
        Assert.Equal([id, id, id], new[] { byUrl, third, firstAgain }.Select(r => Assert.IsType<PhpValue.Text>(r).Value));
        var request = await portal.LoadRequestAsync(id);
        Assert.Equal(
            ["first@example.com", "https://crm.example.com/hooks/datarequest?id=2", "third@example.com"],
            request.ReportTargets.OrderBy(t => t.Number).Select(t => t.Target));
    }

    [Fact]
    public async Task CopernicaPost_BeyondTheMostReportTargets_ReturnsFalse_AndTheRequestKeepsItsTargets()
    {
        var token = (await portal.IssueTokenAsync("copernica-many")).PlainText;
        var client = portal.CreateClient();
        string? id = null;
        for (var i = 1; i <= DataRequest.MaxReportTargets; i++)
        {
            var filed = await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 2, "subprofile/77/datarequest", Report($"https://crm.example.com/hooks/{i}"))));
            id = Assert.IsType<PhpValue.Text>(filed).Value;
        }

        var answer = await client.SendAsync(CopernicaPost(token, 2, "subprofile/77/datarequest", Report("https://crm.example.com/hooks/one-more")));

        Assert.IsType<PhpValue.False>(await CopernicaPostResultAsync(answer));
        Assert.Contains(id!, await ErrorAsync(answer, HttpStatusCode.BadRequest, "too_many_report_targets"));
        Assert.Equal(DataRequest.MaxReportTargets, (await portal.LoadRequestAsync(id!)).ReportTargets.Count);
    }

    public static TheoryData<string, string> RefusedFilings => new()
    {
        // how the call is refused, error.code
        { "revoked token", "token_revoked" },
        { "unknown token", "invalid_token" },
        { "no such profile id", "invalid_parameter" },
        { "a call that only reads", "method_not_allowed" },
        { "too many filings", "rate_limited" },
    };

    [Theory]
    [MemberData(nameof(RefusedFilings))]
    public async Task CopernicaPost_Refused_ReturnsFalse_AndTheReasonIsInTheJsonBody(string how, string code)
    {
        await using var limited = new PortalFactory();
        limited.Settings["Collection:Enabled"] = "false";
        limited.Settings["Api:RateLimit:FilingsPerMinute"] = "1";
        var issued = await limited.IssueTokenAsync("copernica-refused");
        var token = issued.PlainText;
        var client = limited.CreateClient();
        var request = how switch
        {
            "revoked token" => CopernicaPost(token, 2, "profile/2/data", Report("first@example.com")),
            "unknown token" => CopernicaPost("drp_made-up-token-0000000000000000000000000000", 2, "profile/2/data"),
            "no such profile id" => CopernicaPost(token, 2, "profile/abc/data"),
            "a call that only reads" => CopernicaPost(token, 2, $"datarequest/{UnknownId}/status"),
            _ => CopernicaPost(token, 1, "profile/2/datarequest"),
        };
        if (how == "revoked token")
        {
            await limited.Services.GetRequiredService<ApiTokens>().RevokeAsync(issued.Id);
        }
        else if (how == "too many filings")
        {
            Assert.IsType<PhpValue.Text>(await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(token, 1, "profile/1/datarequest"))));
        }

        var answer = await client.SendAsync(request);

        Assert.IsType<PhpValue.False>(await CopernicaPostResultAsync(answer));
        Assert.False(string.IsNullOrWhiteSpace(await ErrorAsync(answer, HttpStatusCode.BadRequest, code)));
        Assert.False(answer.Headers.Contains("X-Created"));
        if (code is "token_revoked" or "invalid_token")
        {
            Assert.Equal("Bearer", Assert.Single(answer.Headers.WwwAuthenticate).Scheme);
        }

        if (code == "rate_limited")
        {
            Assert.InRange(answer.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        }
    }

    [Fact]
    public async Task CopernicaPost_UnknownCall_Is404_WhichTheClassCanOnlyReadAsSuccessWithoutAnId()
    {
        var token = (await portal.IssueTokenAsync("copernica-typo")).PlainText;

        var answer = await portal.CreateClient().SendAsync(CopernicaPost(token, 2, "profiles/2/datarequest", Report("first@example.com")));

        // Copernica's class returns true, not an id: a caller that expects digits from a datarequest POST sees the failure.
        Assert.IsType<PhpValue.True>(await CopernicaPostResultAsync(answer));
        Assert.Equal(ApiCallRules.UnknownCall, await ErrorAsync(answer, HttpStatusCode.NotFound, "unknown_call"));
        Assert.False(answer.Content.Headers.Contains("Allow"));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task CopernicaPost_EmailInThePath_AsTheClassWritesIt_FilesForThatAddress(int version)
    {
        var token = (await portal.IssueTokenAsync($"copernica-email-v{version}")).PlainText;
        var client = portal.CreateClient();

        var filed = await client.SendAsync(CopernicaPost(token, version, $"email/Jane.Doe+v{version}@Example.com/datarequest", Report("privacy@example.org")));

        var id = Assert.IsType<PhpValue.Text>(await CopernicaPostResultAsync(filed)).Value;
        Assert.Equal($"/v{version}/datarequest/{id}", filed.Headers.Location?.OriginalString);
        var request = await portal.LoadRequestAsync(id);
        Assert.Equal((SubjectType.Email, $"jane.doe+v{version}@example.com"), (request.SubjectType, request.SubjectId));
        Assert.Equal("privacy@example.org", Assert.Single(request.ReportTargets).Target);
        var status = Assert.IsType<PhpValue.Decoded>(await CopernicaGetResultAsync(await client.SendAsync(CopernicaGet(token, version, $"datarequest/{id}/status"))));
        Assert.Equal("pending", status.Value.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, false)]
    [InlineData(3, false)]
    [InlineData(1, true)]
    public async Task CopernicaGetStatus_UnknownOrAnotherTokensId_IsNotAvailable_TheSameForBoth(int version, bool before2019)
    {
        var owner = (await portal.IssueTokenAsync("copernica-owner")).PlainText;
        var stranger = (await portal.IssueTokenAsync("copernica-stranger")).PlainText;
        var client = portal.CreateClient();
        var someoneElses = Assert.IsType<PhpValue.Text>(await CopernicaPostResultAsync(await client.SendAsync(CopernicaPost(owner, version, "profile/9/data")))).Value;

        var unknown = await client.SendAsync(CopernicaGet(stranger, version, $"datarequest/{UnknownId}/status"));
        var foreign = await client.SendAsync(CopernicaGet(stranger, version, $"datarequest/{someoneElses}/status"));

        foreach (var answer in new[] { unknown, foreign })
        {
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            var status = Assert.IsType<PhpValue.Decoded>(await CopernicaGetResultAsync(answer, before2019)).Value;
            Assert.Equal("not available", status.GetProperty("status").GetString());
            Assert.Equal(0, status.GetProperty("available").GetInt64());
        }

        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await foreign.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SmtpeterPhpClass_FilesAndReadsTheId_AndSeesTheReasonOfARefusal()
    {
        var issued = await portal.IssueTokenAsync("smtpeter-php");
        var client = portal.CreateClient();

        var filed = await client.SendAsync(SmtpeterPhpPost(issued.PlainText, "datarequest", new Dictionary<string, string> { ["email"] = "zoë@example.com", ["monitor"] = "https://crm.example.com/hooks/smtpeter" }));
        await portal.Services.GetRequiredService<ApiTokens>().RevokeAsync(issued.Id);
        var refused = await client.SendAsync(SmtpeterPhpPost(issued.PlainText, "datarequest", new Dictionary<string, string> { ["email"] = "john@example.com" }));

        var result = Assert.IsType<PhpValue.Decoded>(await SmtpeterPhpResultAsync(filed)).Value;
        var id = result.GetProperty("id").GetString()!;
        Assert.Equal(id, CreatedId(filed));
        var request = await portal.LoadRequestAsync(id);
        Assert.Equal(("zoë@example.com", "https://crm.example.com/hooks/smtpeter"), (request.SubjectId, Assert.Single(request.ReportTargets).Target));
        var error = Assert.IsType<PhpValue.Decoded>(await SmtpeterPhpResultAsync(refused)).Value;
        Assert.False(error.TryGetProperty("id", out _));
        Assert.Equal(("The access token has been revoked.", "token_revoked"), (error.GetProperty("error").GetProperty("message").GetString(), error.GetProperty("error").GetProperty("code").GetString()));
    }

    [Fact]
    public async Task SmtpeterPythonClass_FilesWithJsonDumps_AndARefusalIsNotOk()
    {
        var token = (await portal.IssueTokenAsync("smtpeter-python")).PlainText;
        var client = portal.CreateClient();

        var filed = await client.SendAsync(SmtpeterPythonPost(token, "datarequest", new Dictionary<string, string> { ["email"] = "python@example.com", ["monitor"] = "python-reports@example.com" }));
        var refused = await client.SendAsync(SmtpeterPythonPost("drp_not-a-token", "datarequest", new Dictionary<string, string> { ["email"] = "python@example.com" }));

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal(CreatedId(filed), (await JsonBodyAsync(filed)).GetProperty("id").GetString());
        Assert.False(refused.IsSuccessStatusCode);
        Assert.Equal("invalid_token", ErrorOf(await JsonBodyAsync(refused)).Code);
    }

    [Fact]
    public async Task RmuitRestClient_ThrowsOnARefusal_WithTheMessage_AndGetsTheStatusOfAnUnknownId()
    {
        var issued = await portal.IssueTokenAsync("rmuit");
        var client = portal.CreateClient();

        var id = await RmuitPostAsync(await client.SendAsync(RmuitPost(issued.PlainText, 2, "profile/31/datarequest", Report("rmuit@example.com"))));
        var status = await RmuitGetAsync(await client.SendAsync(RmuitGet(issued.PlainText, 2, $"datarequest/{UnknownId}/status")));
        await portal.Services.GetRequiredService<ApiTokens>().RevokeAsync(issued.Id);
        var refused = await Assert.ThrowsAsync<PhpRuntimeException>(async () =>
            await RmuitPostAsync(await client.SendAsync(RmuitPost(issued.PlainText, 2, "profile/31/datarequest"))));

        Assert.Matches("^[0-9]{16}$", id);
        Assert.Equal("not available", status.GetProperty("status").GetString());
        Assert.Equal(400, refused.Code);
        Assert.Contains("\"message\":\"The access token has been revoked.\"", refused.Message);
    }

    [Fact]
    public void PhpEncodings_WriteWhatPhpWrites()
    {
        Assert.Equal("[]", PhpJsonEncode(null));
        Assert.Equal("""{"report":"https:\/\/crm.example.com\/hook","email":"zo\u00eb@example.com"}""", PhpJsonEncode(new Dictionary<string, string> { ["report"] = "https://crm.example.com/hook", ["email"] = "zoë@example.com" }));
        Assert.Equal("access_token=drp_a-b_c&x=a+b%40c%2Fd", HttpBuildQuery(("access_token", "drp_a-b_c"), ("x", "a b@c/d")));
    }

    private static Dictionary<string, string> Report(string target) => new() { ["report"] = target };

    /// <summary>A portal whose collector is off, so requests stay open for as long as the tests need.</summary>
    public sealed class HeldPortal : IAsyncLifetime
    {
        public PortalFactory Portal { get; } = new();

        public Task InitializeAsync()
        {
            Portal.Settings["Collection:Enabled"] = "false";
            return Task.CompletedTask;
        }

        public Task DisposeAsync() => Portal.DisposeAsync().AsTask();
    }
}
