using System.Net;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiRateLimitsTests
{
    private const string UnknownResult = "/v2/datarequest/1234567890123456";

    private const string UnknownStatus = "/v2/datarequest/1234567890123456/status";

    [Fact]
    public async Task OverTheReadLimit_Answers429_WithRetryAfter_WhileFilingsAndOtherTokensGoOn()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "3";
        var busy = portal.CreateApiClient((await portal.IssueTokenAsync("busy")).PlainText);
        var calm = portal.CreateApiClient((await portal.IssueTokenAsync("calm")).PlainText);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync(UnknownStatus)).StatusCode);
        }

        var refused = await busy.GetAsync(UnknownStatus);
        var filing = await busy.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var other = await calm.GetAsync(UnknownStatus);

        Assert.Contains("Too many reads with this token", await ErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited"));
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.Created, filing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task OverTheFilingLimit_Answers400WithRetryAfter_WhichCopernicasClassReadsAsFailure_WhileReadsGoOn()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:FilingsPerMinute"] = "2";
        var token = await portal.IssueTokenAsync("busy");
        var client = portal.CreateApiClient(token.PlainText);
        var filed = new[]
        {
            await client.PostAsync("/v2/datarequest", Form(("email", "one@example.com"))),
            await client.PostAsync("/v2/datarequest", Form(("email", "two@example.com"))),
        };

        var refused = await client.PostAsync("/v2/datarequest", Form(("email", "three@example.com")));
        var read = await client.GetAsync($"/v2/datarequest/{CreatedId(filed[0])}/status");

        Assert.All(filed, f => Assert.Equal(HttpStatusCode.Created, f.StatusCode));
        Assert.Contains("Too many filings with this token", await ErrorAsync(refused, HttpStatusCode.BadRequest, "rate_limited"));
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.False(refused.Headers.Contains("X-Created"));
        Assert.Equal(2, await portal.CountRequestsAsync(token.Id));
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task DefaultLimits_AClientPolling20RequestsEverySecondForAMinute_IsNeverHeldUp()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Collection:Enabled"] = "false";
        var client = portal.CreateApiClient((await portal.IssueTokenAsync("poller")).PlainText);
        var ids = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", $"poll-{i}@example.com")))));
        }

        // One minute of once-a-second polling of all 20, as fast as the test can send it: all inside one window.
        var answers = new Dictionary<HttpStatusCode, int>();
        for (var second = 0; second < 60; second++)
        {
            foreach (var id in ids)
            {
                var status = (await client.GetAsync($"/v2/datarequest/{id}/status")).StatusCode;
                answers[status] = answers.GetValueOrDefault(status) + 1;
            }
        }

        Assert.Equal(new Dictionary<HttpStatusCode, int> { [HttpStatusCode.OK] = 1200 }, answers);
    }

    [Fact]
    public async Task ADifferentMadeUpTokenOnEveryCall_FromOneClient_Answers429AfterTheLimit()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "3";

        var answers = new List<HttpContext>();
        for (var i = 0; i < 6; i++)
        {
            // Every second call comes without a token: both kinds are the same client's calls.
            answers.Add(await CallFromAsync(portal, "203.0.113.66", i % 2 == 0 ? $"drp_guess-{i}" : null));
        }

        Assert.Equal([401, 401, 401, 429, 429, 429], answers.Select(a => a.Response.StatusCode));
        foreach (var refused in answers.Skip(3))
        {
            Assert.Equal("application/json", refused.Response.ContentType);
            Assert.Contains("Too many reads from this address", await ReadErrorAsync(refused));
            Assert.InRange(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }
    }

    [Fact]
    public async Task AValidToken_IsCountedPerToken_NotHeldUpByAnotherClientsFloodOfMadeUpTokens()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "3";
        var token = (await portal.IssueTokenAsync("crm")).PlainText;
        Assert.Equal(404, (await CallFromAsync(portal, "198.51.100.20", token)).Response.StatusCode);

        var flood = new List<int>();
        for (var i = 0; i < 5; i++)
        {
            flood.Add((await CallFromAsync(portal, "203.0.113.66", $"drp_guess-{i}")).Response.StatusCode);
        }

        // From the flooding client's own address too: the token's calls come out of the token's own allowance.
        var ownCalls = new[]
        {
            (await CallFromAsync(portal, "203.0.113.66", token)).Response.StatusCode,
            (await CallFromAsync(portal, "198.51.100.21", token)).Response.StatusCode,
        };
        var overTheTokensLimit = await CallFromAsync(portal, "198.51.100.22", token);

        Assert.Equal([401, 401, 401, 429, 429], flood);
        Assert.Equal([404, 404], ownCalls);
        Assert.Equal(429, overTheTokensLimit.Response.StatusCode);
        Assert.Contains("with this token", await ReadErrorAsync(overTheTokensLimit));
    }

    [Fact]
    public async Task ATokenRevokedRightAfterACall_IsRefusedOnTheNextCall()
    {
        await using var portal = new PortalFactory();
        var token = await portal.IssueTokenAsync("retiring");
        Assert.Equal(404, (await CallFromAsync(portal, "198.51.100.20", token.PlainText)).Response.StatusCode);

        await portal.Services.GetRequiredService<ApiTokens>().RevokeAsync(token.Id);
        var next = await CallFromAsync(portal, "198.51.100.20", token.PlainText);

        Assert.Equal(401, next.Response.StatusCode);
        Assert.Equal(ApiTokenAuthentication.TokenRevoked, await ReadErrorAsync(next));
    }

    [Fact]
    public void TheFormerSingleLimitSetting_StopsThePortalFromStarting_NamingTheTwoThatReplaceIt()
    {
        using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:PermitsPerMinute"] = "120";

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => portal.CreateClient());

        Assert.Contains("Api:RateLimit:FilingsPerMinute and Api:RateLimit:ReadsPerMinute", refused.Message);
    }

    /// <summary>An API call from a client at <paramref name="address"/>, with the token as <c>Authorization: Bearer</c> when there is one.</summary>
    private static Task<HttpContext> CallFromAsync(PortalFactory portal, string address, string? token) =>
        portal.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = UnknownResult;
            if (token is not null)
            {
                http.Request.Headers.Authorization = "Bearer " + token;
            }
        });

    private static async Task<string> ReadErrorAsync(HttpContext answered)
    {
        using var reader = new StreamReader(answered.Response.Body);
        using var json = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync());
        return ErrorOf(json.RootElement).Message;
    }
}
