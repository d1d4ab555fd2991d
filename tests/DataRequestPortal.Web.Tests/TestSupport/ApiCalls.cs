using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>Calls to the REST API the way the seeds' clients make them, and the checks those clients rely on.</summary>
public static partial class ApiCalls
{
    public static async Task<IssuedApiToken> IssueTokenAsync(this PortalFactory factory, string name = "crm") =>
        await factory.Services.GetRequiredService<ApiTokens>().IssueAsync(name);

    /// <summary>A client that sends the token as <c>Authorization: Bearer</c>.</summary>
    public static HttpClient CreateApiClient(this PortalFactory factory, string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static FormUrlEncodedContent Form(params (string Name, string Value)[] values) =>
        new(values.Select(v => KeyValuePair.Create(v.Name, v.Value)));

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    /// <summary>What Copernica's PHP class checks before it parses a response: the Content-Type is exactly application/json.</summary>
    public static void AssertExactJson(HttpResponseMessage response)
    {
        Assert.NotNull(response.Content.Headers.ContentType);
        Assert.Equal("application/json", response.Content.Headers.ContentType.ToString());
    }

    /// <summary>Checks the exact content type and returns the parsed body.</summary>
    public static async Task<JsonElement> JsonBodyAsync(HttpResponseMessage response)
    {
        AssertExactJson(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>Checks that the response is a PDF and returns its cover's words, as a reader of the PDF sees them.</summary>
    public static async Task<string> PdfCoverAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.ToString());
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return string.Join(' ', pdf.GetPage(1).GetWords().Select(w => w.Text));
    }

    /// <summary>
    /// The error message of a JSON error response with the given status, in the API's error shape
    /// (<c>{"error": {"message": ..., "code": ...}}</c>); with <paramref name="code"/>, checks the code too.
    /// </summary>
    public static async Task<string> ErrorAsync(HttpResponseMessage response, HttpStatusCode status, string? code = null)
    {
        Assert.Equal(status, response.StatusCode);
        var error = ErrorOf(await JsonBodyAsync(response));
        if (code is not null)
        {
            Assert.Equal(code, error.Code);
        }

        return error.Message;
    }

    /// <summary>The <c>error</c> member of an API error body.</summary>
    public static (string Message, string Code, string? Parameter) ErrorOf(JsonElement body)
    {
        var error = body.GetProperty("error");
        Assert.Equal(JsonValueKind.Object, error.ValueKind);
        var message = error.GetProperty("message").GetString();
        var code = error.GetProperty("code").GetString();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Matches("^[a-z_]+$", code);
        return (message!, code!, error.TryGetProperty("parameter", out var parameter) ? parameter.GetString() : null);
    }

    /// <summary>The new id as the seeds' PHP client reads it: <c>X-Created:\s?(\d+)</c> over the raw response headers.</summary>
    public static string CreatedId(HttpResponseMessage response)
    {
        var raw = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            raw.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        }

        var match = CreatedHeader().Match(raw.ToString());
        Assert.True(match.Success, "No X-Created header:\n" + raw);
        return match.Groups[1].Value;
    }

    /// <summary>Polls the status call until it reports <paramref name="status"/>; every answer on the way must be pending.</summary>
    public static Task<JsonElement> WaitForStatusAsync(HttpClient client, string id, string status = "available") =>
        Eventually.ReadAsync(
            async () =>
            {
                var response = await client.GetAsync($"/v2/datarequest/{id}/status");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var body = await JsonBodyAsync(response);
                var current = body.GetProperty("status").GetString();
                Assert.True(current == status || current == "pending", $"Request {id} is {current}, neither pending nor {status}.");
                return body;
            },
            body => body.GetProperty("status").GetString() == status,
            body => $"Request {id} is still {body.GetProperty("status").GetString()}");

    public static async Task<DataRequest> LoadRequestAsync(this PortalFactory factory, string id)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataRequests.Include(r => r.Timeline).Include(r => r.ReportTargets).AsSplitQuery().AsNoTracking().SingleAsync(r => r.Id == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture));
    }

    public static async Task<int> CountRequestsAsync(this PortalFactory factory, int tokenId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataRequests.CountAsync(r => r.ApiTokenId == tokenId);
    }

    [GeneratedRegex(@"X-Created:\s?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedHeader();
}
