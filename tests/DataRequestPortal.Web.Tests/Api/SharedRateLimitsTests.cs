using System.Net;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>Several portal processes with one database: with Redis they share each caller's allowance, without it each counts alone.</summary>
public class SharedRateLimitsTests
{
    private const string UnknownStatus = "/v2/datarequest/1234567890123456/status";

    [Fact]
    public async Task TwoProcesses_SharingRedis_RefuseTheCallOverTheLimitTogether_AsOneProcessWould()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        ShareDatabase(first, second, readsPerMinute: 3, redis.ConnectionString);
        var token = (await first.IssueTokenAsync("shared")).PlainText;
        var (one, two) = (first.CreateApiClient(token), second.CreateApiClient(token));

        var allowed = new[] { await one.GetAsync(UnknownStatus), await two.GetAsync(UnknownStatus), await one.GetAsync(UnknownStatus) };
        var refused = await two.GetAsync(UnknownStatus);
        var refusedToo = await one.GetAsync(UnknownStatus);
        var filing = await two.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));

        Assert.All(allowed, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Contains("Too many reads with this token", await ErrorAsync(refused, HttpStatusCode.TooManyRequests, "rate_limited"));
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, refusedToo.StatusCode);
        Assert.Equal(HttpStatusCode.Created, filing.StatusCode);
    }

    [Fact]
    public async Task TwoProcesses_SharingRedis_CountAClientWithMadeUpTokensTogether()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        ShareDatabase(first, second, readsPerMinute: 2, redis.ConnectionString);

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            var client = (i % 2 == 0 ? first : second).CreateApiClient($"drp_guess-{i}");
            client.DefaultRequestHeaders.Add("X-Test-Client-Address", "203.0.113.66");
            answers.Add((await client.GetAsync(UnknownStatus)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task TwoProcesses_WithoutRedis_EachCountsAlone()
    {
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        ShareDatabase(first, second, readsPerMinute: 2, redis: null);
        var token = (await first.IssueTokenAsync("shared")).PlainText;
        var (one, two) = (first.CreateApiClient(token), second.CreateApiClient(token));

        var allowed = new[] { await one.GetAsync(UnknownStatus), await one.GetAsync(UnknownStatus), await two.GetAsync(UnknownStatus), await two.GetAsync(UnknownStatus) };
        var refused = await one.GetAsync(UnknownStatus);

        Assert.All(allowed, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task RedisUnreachable_TheProcessCountsAlone_AnswersAsBefore_AndSaysSoOnce()
    {
        const string password = "hunter2-not-for-logs";
        var logs = new CapturedLogs();
        await using var portal = new PortalFactory();
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "2";
        portal.Settings["Redis:Configuration"] = $"127.0.0.1:{RedisServer.FreePort()},password={password},connectTimeout=1000";
        await using var logged = portal.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        var client = logged.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", (await portal.IssueTokenAsync("alone")).PlainText);

        var answers = new[] { await client.GetAsync(UnknownStatus), await client.GetAsync(UnknownStatus), await client.GetAsync(UnknownStatus) };

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], answers.Select(a => a.StatusCode));
        Assert.Contains("Too many reads with this token", await ErrorAsync(answers[2], HttpStatusCode.TooManyRequests, "rate_limited"));
        Assert.InRange(answers[2].Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60);
        Assert.Single(logs.Lines, l => l.Contains("Warning: API rate limits are counted in this process alone", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
    }

    private static void ShareDatabase(PortalFactory first, PortalFactory second, int readsPerMinute, string? redis)
    {
        second.Settings["ConnectionStrings:Portal"] = $"Data Source={first.DatabasePath}";
        second.Settings["DataProtection:KeysPath"] = Path.Combine(first.DataDirectory, "keys");
        second.Settings["Results:Path"] = Path.Combine(first.DataDirectory, "results");
        foreach (var portal in new[] { first, second })
        {
            portal.Settings["Api:RateLimit:ReadsPerMinute"] = readsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture);
            portal.Settings["Collection:Enabled"] = "false";
            if (redis is not null)
            {
                portal.Settings["Redis:Configuration"] = redis;
            }
        }
    }
}
