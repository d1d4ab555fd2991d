using System.Net;
using System.Text.Json;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>An API client may name the language of the subject's emails and report when filing.</summary>
public class DataRequestEndpointsLanguageTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public DataRequestEndpointsLanguageTests(PortalFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/v2/datarequest", "form", "email=lang-form%40example.com&language=nl", "nl")]
    [InlineData("/v2/datarequest", "json", """{"email": "lang-json@example.com", "language": "de"}""", "de")]
    [InlineData("/v3/profile/4242/datarequest?language=fr-BE", "none", "", "fr")]
    [InlineData("/v3/profile/4343/datarequest", "none", "", null)]
    public async Task Post_WithALanguage_StoresItWithTheRequest(string path, string kind, string body, string? stored)
    {
        var token = await factory.IssueTokenAsync();
        HttpContent? content = kind switch
        {
            "form" => new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            "json" => Json(body),
            _ => null,
        };

        var response = await factory.CreateApiClient(token.PlainText).PostAsync(path, content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(stored, (await factory.LoadRequestAsync(CreatedId(response))).Language);
    }

    [Theory]
    [InlineData("form", "email=jane%40example.com&language=es")]
    [InlineData("json", """{"email": "jane@example.com", "language": 7}""")]
    public async Task Post_ALanguageNotOffered_Answers400InvalidParameter_AndFilesNothing(string kind, string body)
    {
        var token = await factory.IssueTokenAsync();
        HttpContent content = kind == "json" ? Json(body) : new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await factory.CreateApiClient(token.PlainText).PostAsync("/v2/datarequest", content);

        await ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_parameter");
        Assert.Equal(DataRequestEndpoints.LanguageParameter, ErrorOf(await JsonBodyAsync(response)).Parameter);
        Assert.Equal(0, await factory.CountRequestsAsync(token.Id));
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheLanguageParameterOnEveryFilingCall()
    {
        var response = await factory.CreateClient().GetAsync(DataRequestApiDocumentation.DocumentPath);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var filings = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Where(o => o.Name == "post").Select(o => (p.Name, Operation: o.Value)))
            .Where(o => o.Name.Contains("data", StringComparison.Ordinal) && !o.Name.Contains("{id}/", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(filings);
        foreach (var (path, operation) in filings)
        {
            Assert.Contains(operation.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "language");
        }
    }
}
