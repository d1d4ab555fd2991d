using System.Net;
using System.Text;
using DataRequestPortal.Web.Tests.TestSupport;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiParametersTests : IClassFixture<KestrelPortal>
{
    private readonly PortalFactory portal;

    public ApiParametersTests(KestrelPortal kestrel) => portal = kestrel.Portal;

    /// <summary>Calls whose text is not valid Unicode: (path, content type or null, body bytes, the parameter to blame or null).</summary>
    public static TheoryData<string, string?, byte[], string?> NotUnicode => new()
    {
        { "/v2/datarequest", "application/json", Ascii("""{"email":"\ud800@example.com"}"""), "email" },
        { "/v1/datarequest", "application/json", Ascii("""{"email":"jane\udfff\ud800@example.com"}"""), "email" },
        { "/v2/datarequest", "application/json", Ascii("""{"email":"jane@example.com","monitor":"https://crm.example.com/\udc00"}"""), "monitor" },
        { "/v2/profile/5/datarequest", "application/json", Ascii("""{"report":"\ud83d"}"""), "report" },
        { "/v2/datarequest", "application/json", Ascii("""{"\ud800":"x","email":"jane@example.com"}"""), null },
        { "/v2/datarequest", "application/json", [.. Ascii("""{"email":"jane"""), 0xED, 0xA0, 0x80, .. Ascii("""@example.com"}""")], "email" },
        { "/v2/datarequest", "application/json; charset=utf-8", [.. Ascii("""{"email":"jane"""), 0xFF, .. Ascii("""@example.com"}""")], "email" },
        { "/v2/datarequest", "application/x-www-form-urlencoded", Ascii("email=%ED%A0%80%40example.com"), "email" },
        { "/v1/datarequest", "application/x-www-form-urlencoded", Ascii("email=jane%FF%40example.com"), "email" },
        { "/v2/datarequest", "application/x-www-form-urlencoded", [.. Ascii("email=jane"), 0xC3, 0x28, .. Ascii("%40example.com")], "email" },
        { "/v2/datarequest", "application/x-www-form-urlencoded", Ascii("email=jane%40example.com&monitor=https%3A%2F%2Fcrm.example.com%2F%C3%28"), "monitor" },
        { "/v2/datarequest", "application/x-www-form-urlencoded", Ascii("email=jane%40example.com&%ED%A0%80=x"), null },
        { "/v2/datarequest?email=%ED%A0%80%40example.com", null, [], "email" },
        { "/v1/profile/5/datarequest?report=jane%FF%40example.com", null, [], "report" },
        { "/v1/datarequest/%ED%A0%80%40example.com", null, [], "email" },
        { "/v3/email/jane%FF%40example.com/datarequest", null, [], "email" },
        { "/v3/email/jane%C3%28%40example.com/datarequest", null, [], "email" },
    };

    [Theory]
    [MemberData(nameof(NotUnicode))]
    public async Task Post_TextThatIsNotValidUnicode_Answers400_AndFilesNothing(string path, string? contentType, byte[] body, string? parameter)
    {
        var token = await portal.IssueTokenAsync();
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        }

        var client = portal.CreateApiClient(token.PlainText);

        var response = await client.PostAsync(Raw(client, path), content);

        Assert.Contains("not valid Unicode", await ErrorAsync(response, HttpStatusCode.BadRequest));
        var json = await JsonBodyAsync(response);
        Assert.Equal(parameter, ErrorOf(json).Parameter);
        Assert.Equal(0, await portal.CountRequestsAsync(token.Id));
    }

    [Theory]
    [InlineData("/v2/datarequest", "form", "email=zo%C3%AB%40example.com")]
    [InlineData("/v2/datarequest", "json", """{"email":"zo\u00EBe@example.com"}""")]
    [InlineData("/v2/datarequest?email=zo%C3%AB%40example.com", "none", "")]
    [InlineData("/v1/datarequest/zo%C3%AB%40example.com", "none", "")]
    public async Task Post_AnAddressWithAccents_InAnyEncodingTheApiTakes_IsFiledAsWritten(string path, string kind, string body)
    {
        var token = await portal.IssueTokenAsync();
        HttpContent? content = kind switch
        {
            "form" => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            "json" => Json(body),
            _ => null,
        };

        var client = portal.CreateApiClient(token.PlainText);

        var response = await client.PostAsync(Raw(client, path), content);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var filed = await portal.LoadRequestAsync(CreatedId(response));
        Assert.StartsWith("zo\u00EB", filed.Subject.Identifier, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v2/datarequest", "form", "email=jane%40example.com&email=john%40example.com", "email")]
    [InlineData("/v2/datarequest", "json", """{"email":"jane@example.com","email":"john@example.com"}""", "email")]
    [InlineData("/v2/datarequest?email=jane%40example.com&email=john%40example.com", "none", "", "email")]
    [InlineData("/v2/profile/5/datarequest", "form", "report=jane%40example.com&report=https%3A%2F%2Fcrm.example.com%2F", "report")]
    public async Task Post_AParameterGivenTwiceInOnePlace_Answers400_AndFilesNothing(string path, string kind, string body, string parameter)
    {
        var token = await portal.IssueTokenAsync();
        HttpContent? content = kind switch
        {
            "form" => new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
            "json" => Json(body),
            _ => null,
        };

        var response = await portal.CreateApiClient(token.PlainText).PostAsync(path, content);

        Assert.Contains("more than once", await ErrorAsync(response, HttpStatusCode.BadRequest));
        Assert.Equal((parameter, "invalid_parameter"), (ErrorOf(await JsonBodyAsync(response)).Parameter, ErrorOf(await JsonBodyAsync(response)).Code));
        Assert.Equal(0, await portal.CountRequestsAsync(token.Id));
    }

    [Fact]
    public async Task Post_QueryParameterNames_AreMatchedRegardlessOfCase()
    {
        var token = await portal.IssueTokenAsync();

        var response = await portal.CreateApiClient(token.PlainText).PostAsync("/v2/datarequest?Email=case%40example.com", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("case@example.com", (await portal.LoadRequestAsync(CreatedId(response))).Subject.Identifier);
    }

    private static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    /// <summary>The path exactly as written, escapes and all: the server must see what a client could send.</summary>
    private static Uri Raw(HttpClient client, string path) =>
        new(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + path, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });
}
