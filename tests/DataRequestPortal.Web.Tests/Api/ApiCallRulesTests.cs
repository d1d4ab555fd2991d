using System.Net;
using System.Text;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiCallRulesTests : IClassFixture<PortalFactory>
{
    private const string UnknownId = "1234567890123456";

    private readonly PortalFactory factory;

    public ApiCallRulesTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task EveryAnswer_HasContentTypeExactlyApplicationJson_AndAJsonBody()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var created = await client.PostAsync("/v2/datarequest", Form(("email", "rules@example.com")));
        var id = CreatedId(created);
        var calls = new List<(HttpStatusCode Expected, HttpResponseMessage Response)>
        {
            (HttpStatusCode.Created, created),
            (HttpStatusCode.OK, await client.GetAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.OK, await client.GetAsync($"/v1/datarequest/{id}")),
            (HttpStatusCode.BadRequest, await client.PostAsync("/v2/datarequest", Form(("email", "nobody")))),
            (HttpStatusCode.BadRequest, await client.PostAsync("/v2/datarequest", Json("{"))),
            (HttpStatusCode.Unauthorized, await factory.CreateClient().GetAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.NotFound, await client.GetAsync($"/v2/datarequest/{UnknownId}/status")),
            (HttpStatusCode.NotFound, await client.GetAsync("/v2/no-such-call")),
            (HttpStatusCode.NotFound, await client.GetAsync("/v3/datarequest/" + id)),
            (HttpStatusCode.MethodNotAllowed, await client.PutAsync($"/v2/datarequest/{id}", Form(("email", "x@example.com")))),
            (HttpStatusCode.MethodNotAllowed, await client.DeleteAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.MethodNotAllowed, await client.PostAsync($"/v2/datarequest/{id}/data", null)),
            (HttpStatusCode.RequestEntityTooLarge, await client.PostAsync("/v2/datarequest", Form(("email", "big@example.com"), ("padding", new string('a', 70 * 1024))))),
            (HttpStatusCode.UnsupportedMediaType, await client.PostAsync("/v2/datarequest", new StringContent("email=x", Encoding.UTF8, "text/plain"))),
        };

        foreach (var (expected, response) in calls)
        {
            var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
            Assert.True(expected == response.StatusCode, $"{where}: {response.StatusCode}, expected {expected}");
            var body = await JsonBodyAsync(response);
            if ((int)expected >= 400)
            {
                Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()), where);
            }

            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task MethodNotAllowed_SaysWhichMethodsAre()
    {
        var token = await factory.IssueTokenAsync();

        var response = await factory.CreateApiClient(token.PlainText).PutAsync($"/v2/datarequest/{UnknownId}", null);

        var message = await ErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("PUT is not allowed", message);
        Assert.Contains("DELETE", message);
        Assert.Contains("GET", message);
    }

    [Fact]
    public async Task Pages_KeepTheirOwnNotFoundPage()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task BodyOverTheLimit_Answers413_WithOrWithoutContentLength()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var tooLarge = "email=big%40example.com&padding=" + new string('a', 64 * 1024);

        var withLength = await client.PostAsync("/v2/datarequest", new StringContent(tooLarge, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var chunked = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(tooLarge)));
        chunked.Headers.ContentType = new("application/x-www-form-urlencoded");
        var withoutLength = await client.PostAsync("/v2/datarequest", chunked);
        var justUnder = await client.PostAsync("/v2/datarequest", Form(("email", "fits@example.com"), ("padding", new string('a', 60 * 1024))));

        Assert.Equal(ApiCallRules.BodyTooLarge, await ErrorAsync(withLength, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(ApiCallRules.BodyTooLarge, await ErrorAsync(withoutLength, HttpStatusCode.RequestEntityTooLarge));
        Assert.Equal(HttpStatusCode.Created, justUnder.StatusCode);
        Assert.Equal(1, await factory.CountRequestsAsync(token.Id));
    }

    [Fact]
    public async Task HttpsRequired_PlainHttpCall_Answers400_ButPagesStillWork()
    {
        await using var strict = Strict();
        var token = await strict.IssueTokenAsync();

        var plain = await strict.CreateApiClient(token.PlainText).PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var secure = await SecureClient(strict, token.PlainText).PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var page = await strict.CreateBrowserLikeClient().GetAsync("/Account/Login");

        Assert.Equal(ApiCallRules.HttpsRequired, await ErrorAsync(plain, HttpStatusCode.BadRequest));
        Assert.Equal(HttpStatusCode.Created, secure.StatusCode);
        Assert.Equal(1, await strict.CountRequestsAsync(token.Id));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task HttpsNotRequired_PlainHttpCallIsServed()
    {
        var token = await factory.IssueTokenAsync();

        var response = await factory.CreateApiClient(token.PlainText).GetAsync($"/v2/datarequest/{UnknownId}/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Theory]
    [InlineData(null, "127.0.0.1", true)]
    [InlineData(null, "203.0.113.9", false)]
    [InlineData("10.1.2.3", "10.1.2.3", true)]
    [InlineData("10.1.0.0/16", "10.1.77.1", true)]
    [InlineData("10.1.2.3", "127.0.0.1", false)]
    public async Task ForwardedProtoHttps_CountsOnlyFromATrustedProxy(string? trusted, string from, bool served)
    {
        await using var strict = Strict();
        if (trusted is not null)
        {
            strict.Settings["Api:TrustedProxies:0"] = trusted;
        }

        var token = await strict.IssueTokenAsync();

        var context = await strict.Server.SendAsync(http =>
        {
            http.Connection.RemoteIpAddress = IPAddress.Parse(from);
            http.Request.Method = HttpMethods.Get;
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("portal.example.com");
            http.Request.Path = $"/v2/datarequest/{UnknownId}/status";
            http.Request.Headers.Authorization = "Bearer " + token.PlainText;
            http.Request.Headers["X-Forwarded-Proto"] = "https";
        });

        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal(served ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest, context.Response.StatusCode);
    }

    private static PortalFactory Strict()
    {
        var strict = new PortalFactory();
        strict.Settings["Api:RequireHttps"] = "true";
        return strict;
    }

    private static HttpClient SecureClient(PortalFactory portal, string token)
    {
        var client = portal.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return client;
    }

    /// <summary>A body whose length the client cannot know in advance, so it is sent without Content-Length.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
