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
        var calls = new List<(HttpStatusCode Expected, string? Code, HttpResponseMessage Response)>
        {
            (HttpStatusCode.Created, null, created),
            (HttpStatusCode.OK, null, await client.GetAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.OK, null, await client.GetAsync($"/v1/datarequest/{id}")),
            (HttpStatusCode.OK, null, await client.GetAsync($"/v2/datarequest/{UnknownId}/status")),
            (HttpStatusCode.BadRequest, "invalid_parameter", await client.PostAsync("/v2/datarequest", Form(("email", "nobody")))),
            (HttpStatusCode.BadRequest, "invalid_body", await client.PostAsync("/v2/datarequest", Json("{"))),
            (HttpStatusCode.Unauthorized, "token_required", await factory.CreateClient().GetAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.BadRequest, "token_required", await factory.CreateClient().PostAsync("/v2/datarequest", Form(("email", "jane@example.com")))),
            (HttpStatusCode.NotFound, "unknown_request", await client.GetAsync($"/v2/datarequest/{UnknownId}")),
            (HttpStatusCode.NotFound, "unknown_call", await client.GetAsync("/v2/no-such-call")),
            (HttpStatusCode.NotFound, "unknown_call", await client.PostAsync("/v2/no-such-call", null)),
            (HttpStatusCode.BadRequest, "method_not_allowed", await client.PutAsync($"/v2/datarequest/{id}", Form(("email", "x@example.com")))),
            (HttpStatusCode.MethodNotAllowed, "method_not_allowed", await client.DeleteAsync($"/v2/datarequest/{id}/status")),
            (HttpStatusCode.BadRequest, "method_not_allowed", await client.PostAsync($"/v2/datarequest/{id}/data", null)),
            (HttpStatusCode.BadRequest, "body_too_large", await client.PostAsync("/v2/datarequest", Form(("email", "big@example.com"), ("padding", new string('a', 70 * 1024))))),
            (HttpStatusCode.BadRequest, "unsupported_media_type", await client.PostAsync("/v2/datarequest", new StringContent("email=x", Encoding.UTF8, "text/plain"))),
        };

        foreach (var (expected, code, response) in calls)
        {
            var where = $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri!.PathAndQuery}";
            Assert.True(expected == response.StatusCode, $"{where}: {response.StatusCode}, expected {expected}");
            var body = await JsonBodyAsync(response);
            if (code is not null)
            {
                Assert.True(code == ErrorOf(body).Code, $"{where}: {ErrorOf(body).Code}, expected {code}");
            }

            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Theory]
    [InlineData("GET", HttpStatusCode.NotFound)]
    [InlineData("HEAD", HttpStatusCode.NotFound)]
    [InlineData("POST", HttpStatusCode.NotFound)]
    [InlineData("PUT", HttpStatusCode.NotFound)]
    [InlineData("PATCH", HttpStatusCode.NotFound)]
    [InlineData("DELETE", HttpStatusCode.NotFound)]
    [InlineData("OPTIONS", HttpStatusCode.NotFound)]
    public async Task UnknownApiPath_Is404ForEveryMethod_WithoutAnAllowHeader(string method, HttpStatusCode expected)
    {
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);

        foreach (var path in new[] { "/v2/foo/bar", "/v1/foo", "/v3/datarequest", "/v2/email/jane@example.com", "/v1/profile/2/datarequest/extra" })
        {
            var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

            Assert.True(expected == response.StatusCode, $"{method} {path}: {response.StatusCode}");
            Assert.False(response.Content.Headers.Contains("Allow"), $"{method} {path}: Allow {response.Content.Headers.Allow}");
            if (method != "HEAD")
            {
                Assert.Equal(("There is no such API call.", "unknown_call"), (await ErrorAsync(response, expected, "unknown_call"), ErrorOf(await JsonBodyAsync(response)).Code));
            }
        }
    }

    [Fact]
    public async Task MethodNotAllowed_SaysWhichMethodsAre_AndAPutIsRefusedWith400()
    {
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);

        var patch = await client.PatchAsync($"/v2/datarequest/{UnknownId}", null);
        var put = await client.PutAsync($"/v2/datarequest/{UnknownId}", null);

        var message = await ErrorAsync(patch, HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Contains("PATCH is not allowed", message);
        Assert.Equal(["DELETE", "GET"], patch.Content.Headers.Allow.Order());
        Assert.Contains("PUT is not allowed", await ErrorAsync(put, HttpStatusCode.BadRequest, "method_not_allowed"));
        Assert.Equal(["DELETE", "GET"], put.Content.Headers.Allow.Order());
    }

    [Fact]
    public async Task Pages_KeepTheirOwnNotFoundPage()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
    }

    [Fact]
    public async Task BodyOverTheLimit_IsRefused_WithOrWithoutContentLength()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var tooLarge = "email=big%40example.com&padding=" + new string('a', 64 * 1024);

        var withLength = await client.PostAsync("/v2/datarequest", new StringContent(tooLarge, Encoding.UTF8, "application/x-www-form-urlencoded"));
        var chunked = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(tooLarge)));
        chunked.Headers.ContentType = new("application/x-www-form-urlencoded");
        var withoutLength = await client.PostAsync("/v2/datarequest", chunked);
        var justUnder = await client.PostAsync("/v2/datarequest", Form(("email", "fits@example.com"), ("padding", new string('a', 60 * 1024))));

        Assert.Equal(ApiCallRules.BodyTooLarge, await ErrorAsync(withLength, HttpStatusCode.BadRequest, "body_too_large"));
        Assert.Equal(ApiCallRules.BodyTooLarge, await ErrorAsync(withoutLength, HttpStatusCode.BadRequest, "body_too_large"));
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

        Assert.Equal(ApiCallRules.HttpsRequired, await ErrorAsync(plain, HttpStatusCode.BadRequest, "https_required"));
        Assert.Equal(HttpStatusCode.Created, secure.StatusCode);
        Assert.Equal(1, await strict.CountRequestsAsync(token.Id));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task HttpsNotRequired_PlainHttpCallIsServed()
    {
        var token = await factory.IssueTokenAsync();

        var response = await factory.CreateApiClient(token.PlainText).GetAsync($"/v2/datarequest/{UnknownId}");

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
            http.Request.Path = $"/v2/datarequest/{UnknownId}";
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
