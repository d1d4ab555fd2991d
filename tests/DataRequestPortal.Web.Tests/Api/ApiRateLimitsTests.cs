using System.Net;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiRateLimitsTests
{
    private const string UnknownStatus = "/v2/datarequest/1234567890123456/status";

    [Fact]
    public async Task OverThePerTokenLimit_Answers429_WithRetryAfter_WhileOtherTokensGoOn()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:PermitsPerMinute"] = "3";
        var busy = portal.CreateApiClient((await portal.IssueTokenAsync("busy")).PlainText);
        var calm = portal.CreateApiClient((await portal.IssueTokenAsync("calm")).PlainText);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await busy.GetAsync(UnknownStatus)).StatusCode);
        }

        var refused = await busy.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var other = await calm.GetAsync(UnknownStatus);

        Assert.Contains("Too many calls", await ErrorAsync(refused, HttpStatusCode.TooManyRequests));
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.False(refused.Headers.Contains("X-Created"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task ADifferentMadeUpTokenOnEveryCall_FromOneClient_Answers429AfterTheLimit()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:PermitsPerMinute"] = "3";

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
            Assert.Contains("Too many calls", await ReadErrorAsync(refused));
            Assert.InRange(int.Parse(refused.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        }
    }

    [Fact]
    public async Task AValidToken_IsCountedPerToken_NotHeldUpByAnotherClientsFloodOfMadeUpTokens()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:PermitsPerMinute"] = "3";
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

    /// <summary>An API call from a client at <paramref name="address"/>, with the token as <c>Authorization: Bearer</c> when there is one.</summary>
    private static Task<HttpContext> CallFromAsync(PortalFactory portal, string address, string? token) =>
        portal.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
            http.Request.Method = HttpMethods.Get;
            http.Request.Path = UnknownStatus;
            if (token is not null)
            {
                http.Request.Headers.Authorization = "Bearer " + token;
            }
        });

    private static async Task<string> ReadErrorAsync(HttpContext answered)
    {
        using var reader = new StreamReader(answered.Response.Body);
        using var json = System.Text.Json.JsonDocument.Parse(await reader.ReadToEndAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }
}
