using System.Net;
using System.Text.Json;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>The OpenAPI document and the reference page people read it through.</summary>
public class OpenApiTests : IClassFixture<PortalFactory>
{
    private static readonly string[] Methods = ["get", "post", "put", "patch", "delete"];

    private readonly PortalFactory factory;

    public OpenApiTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task Document_OpensWithoutToken_AsJson()
    {
        var response = await factory.CreateClient().GetAsync(DataRequestApiDocumentation.DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task Document_ListsEveryMappedApiCall_AndNothingElse()
    {
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => ApiCallRules.IsApiCall("/" + e.RoutePattern.RawText!.TrimStart('/')))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet();
        using var document = await DocumentAsync();

        var documented = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").ToHashSet();

        // v1: 7 filings and 5 reads; v2: 6 and 5; v3 (Copernica's calls only): 5 and 5.
        Assert.Equal(33, mapped.Count);
        Assert.Contains("POST /v1/email/{email}/datarequest", mapped);
        Assert.Contains("POST /v2/email/{email}/datarequest", mapped);
        Assert.Contains("GET /v1/datarequest/{id}/data", mapped);
        Assert.Contains("GET /v3/datarequest/{id}/status", mapped);
        Assert.Equal(mapped.Order(), documented.Order());
    }

    [Fact]
    public async Task EveryOperation_HasASummary_ATag_AndExamplesForEveryJsonAnswer()
    {
        using var document = await DocumentAsync();

        foreach (var (method, path, operation) in Operations(document))
        {
            var name = $"{method} {path}";
            Assert.False(string.IsNullOrWhiteSpace(operation.GetProperty("summary").GetString()), name);
            Assert.NotEmpty(operation.GetProperty("tags").EnumerateArray());
            var responses = operation.GetProperty("responses");

            // A refused filing is always 400; the other calls keep 401 and 429.
            var statuses = method == "post" ? new[] { "200", "201", "400" } : ["200", "400", "401", "429"];
            foreach (var status in statuses)
            {
                Assert.True(responses.TryGetProperty(status, out _), $"{name}: no {status}");
            }

            if (method == "post")
            {
                Assert.False(responses.TryGetProperty("401", out _), $"{name}: documents 401");
                Assert.False(responses.TryGetProperty("429", out _), $"{name}: documents 429");
            }

            foreach (var response in responses.EnumerateObject())
            {
                // The one answer that is not JSON: the PDF report, a binary file.
                if (response.Value.GetProperty("content").TryGetProperty("application/pdf", out var pdf))
                {
                    Assert.Equal("binary", pdf.GetProperty("schema").GetProperty("format").GetString());
                    continue;
                }

                var json = response.Value.GetProperty("content").GetProperty("application/json");
                Assert.True(json.TryGetProperty("schema", out _), $"{name} {response.Name}: no schema");
                Assert.True(json.TryGetProperty("example", out _) || json.TryGetProperty("examples", out _), $"{name} {response.Name}: no example");
            }
        }
    }

    [Fact]
    public async Task FilingCalls_Document201_WithHeaders_BothBodyFormats_AndTheDuplicate()
    {
        using var document = await DocumentAsync();

        var filings = Operations(document).Where(o => o.Method == "post").ToList();

        Assert.Equal(18, filings.Count);
        foreach (var (_, path, operation) in filings)
        {
            var created = operation.GetProperty("responses").GetProperty("201");
            Assert.True(created.GetProperty("headers").TryGetProperty("X-Created", out _), path);
            Assert.True(created.GetProperty("headers").TryGetProperty("Location", out _), path);
            var example = created.GetProperty("content").GetProperty("application/json").GetProperty("examples").EnumerateObject().First().Value.GetProperty("value");
            Assert.Matches("^[0-9]{16}$", example.GetProperty("id").GetString());
            Assert.True(operation.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json")
                .GetProperty("examples").EnumerateObject().First().Value.GetProperty("value").GetProperty("duplicate").GetBoolean(), path);

            var body = operation.GetProperty("requestBody").GetProperty("content");
            Assert.True(body.TryGetProperty("application/json", out _), path);
            Assert.True(body.TryGetProperty("application/x-www-form-urlencoded", out var form), path);
            var report = path == "/v1/datarequest" || path == "/v2/datarequest" ? "monitor" : "report";
            Assert.True(form.GetProperty("schema").GetProperty("properties").TryGetProperty(report, out _), path);
            Assert.StartsWith("/" + path.Split('/')[1] + "/datarequest/", created.GetProperty("headers").GetProperty("Location").GetProperty("example").GetString(), StringComparison.Ordinal);

            var refused = operation.GetProperty("responses").GetProperty("400");
            var codes = refused.GetProperty("content").GetProperty("application/json").GetProperty("examples").EnumerateObject()
                .Select(e => e.Value.GetProperty("value").GetProperty("error").GetProperty("code").GetString()).ToList();
            Assert.Contains("token_revoked", codes);
            Assert.Contains("rate_limited", codes);
            Assert.Contains("too_many_report_targets", codes);
            Assert.True(refused.GetProperty("headers").TryGetProperty("Retry-After", out _), path);
            Assert.True(refused.GetProperty("headers").TryGetProperty("WWW-Authenticate", out _), path);
        }

        var byEmail = filings.Single(o => o.Path == "/v2/datarequest").Operation;
        Assert.Equal("jane@example.com", byEmail.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("email").GetString());
    }

    [Fact]
    public async Task Document_DescribesBothTokenSchemes_TheStatuses_AndTheResultDocument()
    {
        using var document = await DocumentAsync();
        var root = document.RootElement;

        var schemes = root.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("query", schemes.GetProperty("access_token").GetProperty("in").GetString());
        Assert.Equal("access_token", schemes.GetProperty("access_token").GetProperty("name").GetString());
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal(2, root.GetProperty("security").GetArrayLength());

        var status = root.GetProperty("paths").GetProperty("/v1/datarequest/{id}/status").GetProperty("get");
        var statuses = status.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("examples")
            .EnumerateObject().Select(e => e.Value.GetProperty("value").GetProperty("status").GetString()).ToList();
        Assert.Equal(["pending", "available", "not available", "pending", "not available"], statuses);

        var result = root.GetProperty("paths").GetProperty("/v2/datarequest/{id}/data").GetProperty("get").GetProperty("responses").GetProperty("200")
            .GetProperty("content").GetProperty("application/json").GetProperty("examples").GetProperty("available").GetProperty("value");
        Assert.Equal("email", result.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal("jane@example.com", result.GetProperty("info").GetProperty("id").GetString());
        Assert.Equal("message", result.GetProperty("data")[0][0].GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Object, result.GetProperty("meta").ValueKind);
    }

    [Fact]
    public async Task ReferencePage_OpensWithoutSigningIn_AndShowsEveryCall()
    {
        using var document = await DocumentAsync();
        var operations = Operations(document).ToList();

        var response = await factory.CreateBrowserLikeClient().GetAsync("/api-docs");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        foreach (var (method, path, operation) in operations)
        {
            Assert.Contains($"aria-label=\"{method.ToUpperInvariant()} {path}\"", html);
            Assert.Contains(operation.GetProperty("summary").GetString()!, html);
        }

        Assert.Contains("X-Created", html);
        Assert.Contains("\"type\": \"message\"", html);
        Assert.Contains("email=jane%40example.com&monitor=privacy%40example.com", html);
        Assert.Contains("access_token", html);
        Assert.Contains(DataRequestApiDocumentation.DocumentPath, html);
    }

    [Fact]
    public async Task Document_ForgedHostHeader_ListsOnlyTheConfiguredPublicUrl()
    {
        using var portal = new PortalFactory();
        portal.Settings["Portal:PublicUrl"] = "https://portal.example.org/";
        using var request = new HttpRequestMessage(HttpMethod.Get, DataRequestApiDocumentation.DocumentPath);
        request.Headers.Host = "evil.example";

        var response = await portal.CreateClient().SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(text);
        var server = Assert.Single(document.RootElement.GetProperty("servers").EnumerateArray());
        Assert.Equal("https://portal.example.org", server.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Document_ForgedHostHeaderWithoutPublicUrl_ListsNoServers()
    {
        using var portal = new PortalFactory();
        portal.Settings["Portal:PublicUrl"] = "";
        using var request = new HttpRequestMessage(HttpMethod.Get, DataRequestApiDocumentation.DocumentPath);
        request.Headers.Host = "evil.example";

        var response = await portal.CreateClient().SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("evil.example", text, StringComparison.OrdinalIgnoreCase);
        using var document = JsonDocument.Parse(text);
        Assert.False(document.RootElement.TryGetProperty("servers", out _));
    }

    private async Task<JsonDocument> DocumentAsync()
    {
        var response = await factory.CreateClient().GetAsync(DataRequestApiDocumentation.DocumentPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static IEnumerable<(string Method, string Path, JsonElement Operation)> Operations(JsonDocument document) =>
        document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name))
                .Select(operation => (operation.Name, path.Name, operation.Value)));
}
