using System.Net;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static DataRequestPortal.Web.Tests.TestSupport.SubjectSignInCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class TrustedProxiesTests
{
    private const string UnknownStatus = "/v2/datarequest/1234567890123456/status";

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("::1")]
    [InlineData("203.0.113.9")]
    public async Task OutsideDevelopment_WithoutConfiguredProxies_NoPeerCanSetTheClientAddressOrScheme(string peer)
    {
        var client = await ResolveAsync(Environments.Production, [], peer, "198.51.100.1", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse(peer), client.Address);
        Assert.Equal("http", client.Scheme);
    }

    [Fact]
    public async Task InDevelopment_WithoutConfiguredProxies_LoopbackIsTrusted_SoLocalTestingWorks()
    {
        var client = await ResolveAsync(Environments.Development, [], "127.0.0.1", "198.51.100.1", forwardedProto: "https");

        Assert.Equal(IPAddress.Parse("198.51.100.1"), client.Address);
        Assert.Equal("https", client.Scheme);
    }

    [Theory]
    [InlineData("10.0.0.5", "10.0.0.5", "198.51.100.1, 203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.0/8", "10.0.0.5", "198.51.100.1, 203.0.113.7, 10.0.0.6", "203.0.113.7")]
    [InlineData("10.0.0.0/8", "10.0.0.5", "10.0.0.7, 10.0.0.6", "10.0.0.7")]
    [InlineData("10.0.0.5", "::ffff:10.0.0.5", "203.0.113.7", "203.0.113.7")]
    [InlineData("10.0.0.5", "203.0.113.9", "198.51.100.1", "203.0.113.9")]
    [InlineData("10.0.0.5", "10.0.0.5", "198.51.100.1, not-an-address, 203.0.113.7", "203.0.113.7")]
    public async Task ThroughConfiguredProxies_TheClientIsTheRightMostAddressNoTrustedProxyAdded(string trusted, string peer, string forwardedFor, string expected)
    {
        var client = await ResolveAsync(Environments.Production, [trusted], peer, forwardedFor);

        Assert.Equal(IPAddress.Parse(expected).MapToIPv6(), client.Address!.MapToIPv6());
    }

    [Fact]
    public async Task OutsideDevelopment_ASpoofedForwardedFor_DoesNotEscapeTheApisPerClientLimit()
    {
        await using var portal = ProductionOnKestrel();
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "2";
        portal.StartOnKestrel();
        var client = portal.CreateClient();

        var answers = new List<HttpStatusCode>();
        for (var i = 1; i <= 3; i++)
        {
            using var call = new HttpRequestMessage(HttpMethod.Get, UnknownStatus);
            call.Headers.Add("X-Forwarded-For", $"198.51.100.{i}");
            answers.Add((await client.SendAsync(call)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers);
    }

    [Fact]
    public async Task OutsideDevelopment_ASpoofedForwardedFor_DoesNotEscapeTheSelfServicePerClientCodeLimit()
    {
        await using var portal = ProductionOnKestrel();
        portal.Settings["SelfService:CodesPerClientPerHour"] = "2";
        portal.StartOnKestrel();
        var client = portal.CreateBrowserLikeClient();

        HttpResponseMessage? third = null;
        for (var i = 1; i <= 3; i++)
        {
            client.DefaultRequestHeaders.Remove("X-Forwarded-For");
            client.DefaultRequestHeaders.Add("X-Forwarded-For", $"198.51.100.{i}");
            third = await RequestCodeAsync(client, $"spoofer-{i}@example.org");
        }

        Assert.Equal(HttpStatusCode.OK, third!.StatusCode);
        Assert.Contains("Too many codes have been asked for from your network", WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()));
        Assert.Empty(portal.MailsTo("spoofer-3@example.org"));
    }

    [Fact]
    public async Task ThroughTwoConfiguredProxies_ClientsAreCountedByTheRightMostUntrustedAddress()
    {
        await using var portal = ProductionOnKestrel("127.0.0.1", "10.0.0.0/8");
        portal.Settings["Api:RateLimit:ReadsPerMinute"] = "2";
        portal.StartOnKestrel();
        var client = portal.CreateClient();

        async Task<HttpStatusCode> CallAsync(string forwardedFor)
        {
            using var call = new HttpRequestMessage(HttpMethod.Get, UnknownStatus);
            call.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await client.SendAsync(call)).StatusCode;
        }

        // What the client claims (left) changes on every call; what the proxies saw (right) does not.
        var sameClient = new[]
        {
            await CallAsync("198.51.100.1, 203.0.113.7, 10.0.0.6"),
            await CallAsync("198.51.100.2, 203.0.113.7, 10.0.0.9"),
            await CallAsync("198.51.100.3, 203.0.113.7"),
        };
        var anotherClient = await CallAsync("203.0.113.7, 203.0.113.8, 10.0.0.6");

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], sameClient);
        Assert.Equal(HttpStatusCode.Unauthorized, anotherClient);
    }

    /// <summary>The portal with its production defaults, to be started on Kestrel, so that every call comes from loopback.</summary>
    private static PortalFactory ProductionOnKestrel(params string[] trustedProxies)
    {
        var portal = new PortalFactory { EnvironmentName = Environments.Production };
        portal.Settings["Api:RequireHttps"] = "false";
        for (var i = 0; i < trustedProxies.Length; i++)
        {
            portal.Settings[$"Api:TrustedProxies:{i}"] = trustedProxies[i];
        }

        return portal;
    }

    /// <summary>Runs the portal's forwarded-headers settings over one call from <paramref name="peer"/>.</summary>
    private static async Task<(IPAddress? Address, string Scheme)> ResolveAsync(
        string environment, string[] trustedProxies, string peer, string forwardedFor, string? forwardedProto = null)
    {
        var settings = trustedProxies.Select((proxy, i) => KeyValuePair.Create($"Api:TrustedProxies:{i}", (string?)proxy));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment })
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging();
        services.AddPortalApi(configuration);
        await using var provider = services.BuildServiceProvider();

        (IPAddress? Address, string Scheme) seen = default;
        var middleware = new ForwardedHeadersMiddleware(
            context =>
            {
                seen = (context.Connection.RemoteIpAddress, context.Request.Scheme);
                return Task.CompletedTask;
            },
            NullLoggerFactory.Instance,
            provider.GetRequiredService<IOptions<ForwardedHeadersOptions>>());
        var call = new DefaultHttpContext();
        call.Connection.RemoteIpAddress = IPAddress.Parse(peer);
        call.Request.Scheme = "http";
        call.Request.Headers["X-Forwarded-For"] = forwardedFor;
        if (forwardedProto is not null)
        {
            call.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        await middleware.Invoke(call);
        return seen;
    }
}
