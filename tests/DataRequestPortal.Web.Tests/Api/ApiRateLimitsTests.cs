using System.Net;
using DataRequestPortal.Web.Tests.TestSupport;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiRateLimitsTests
{
    [Fact]
    public async Task OverThePerTokenLimit_Answers429_WithRetryAfter_WhileOtherTokensGoOn()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:PermitsPerMinute"] = "3";
        var busy = portal.CreateApiClient((await portal.IssueTokenAsync("busy")).PlainText);
        var calm = portal.CreateApiClient((await portal.IssueTokenAsync("calm")).PlainText);

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await busy.GetAsync("/v2/datarequest/1234567890123456/status")).StatusCode);
        }

        var refused = await busy.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var other = await calm.GetAsync("/v2/datarequest/1234567890123456/status");

        Assert.Contains("Too many calls", await ErrorAsync(refused, HttpStatusCode.TooManyRequests));
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        Assert.False(refused.Headers.Contains("X-Created"));
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }
}
