using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>The datarequest calls against the running portal, its collector included.</summary>
public class DataRequestEndpointsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public DataRequestEndpointsTests(PortalFactory factory) => this.factory = factory;

    public static TheoryData<string, string, string, string, string> FilingCalls => new()
    {
        // path, form body, expected Location prefix, subject type, subject id
        { "/v2/datarequest/", "email=jane%40example.com", "/v2/datarequest/", "Email", "jane@example.com" },
        { "/v2/datarequest", "email=jane%40example.com", "/v2/datarequest/", "Email", "jane@example.com" },
        { "/v1/datarequest", "email=Jane%40Example.com", "/v1/datarequest/", "Email", "jane@example.com" },
        { "/v1/datarequest/jane%40example.com", "", "/v1/datarequest/", "Email", "jane@example.com" },
        { "/v3/email/jane%40example.com/datarequest", "", "/v3/datarequest/", "Email", "jane@example.com" },
        { "/v2/email/jane%40example.com/datarequest", "", "/v2/datarequest/", "Email", "jane@example.com" },
        { "/v1/email/jane@example.com/datarequest", "", "/v1/datarequest/", "Email", "jane@example.com" },
        { "/v3/profile/42/datarequest", "", "/v3/datarequest/", "Profile", "42" },
        { "/v3/profile/42/data", "", "/v3/datarequest/", "Profile", "42" },
        { "/v3/subprofile/7/datarequest", "", "/v3/datarequest/", "Subprofile", "7" },
        { "/v1/profile/42/datarequest", "", "/v1/datarequest/", "Profile", "42" },
        { "/v2/profile/42/datarequest", "", "/v2/datarequest/", "Profile", "42" },
        { "/v1/profile/42/data", "", "/v1/datarequest/", "Profile", "42" },
        { "/v2/profile/42/data", "", "/v2/datarequest/", "Profile", "42" },
        { "/v1/subprofile/7/datarequest", "", "/v1/datarequest/", "Subprofile", "7" },
        { "/v2/subprofile/7/datarequest", "", "/v2/datarequest/", "Subprofile", "7" },
        { "/v1/subprofile/7/data", "", "/v1/datarequest/", "Subprofile", "7" },
        { "/v2/subprofile/007/data", "", "/v2/datarequest/", "Subprofile", "7" },
    };

    [Theory]
    [MemberData(nameof(FilingCalls))]
    public async Task Post_EveryFilingCall_Answers201_WithTheIdInBodyLocationAndXCreated(string path, string form, string location, string type, string subject)
    {
        var token = await factory.IssueTokenAsync("crm");

        var response = await factory.CreateApiClient(token.PlainText).PostAsync(path, new StringContent(form, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await JsonBodyAsync(response)).GetProperty("id").GetString()!;
        Assert.Matches("^[0-9]{16}$", id);
        Assert.Equal(id, CreatedId(response));
        Assert.Equal(location + id, response.Headers.Location?.OriginalString);
        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(type, request.SubjectType.ToString());
        Assert.Equal(subject, request.SubjectId);
        Assert.Equal(RequestChannel.Api, request.Channel);
        Assert.Equal(token.Id, request.ApiTokenId);
        Assert.Equal(Actor.ApiClient("crm"), request.Timeline[0].Actor);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("form")]
    [InlineData("query")]
    public async Task Post_SmtpeterParameters_AreReadFromJsonFormOrQuery(string source)
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);

        var response = source switch
        {
            "json" => await client.PostAsync("/v2/datarequest/", Json("""{"email": "jane@example.com", "monitor": "https://crm.example.com/hook"}""")),
            "form" => await client.PostAsync("/v2/datarequest/", Form(("email", "jane@example.com"), ("monitor", "https://crm.example.com/hook"))),
            _ => await client.PostAsync("/v2/datarequest/?email=jane%40example.com&monitor=https%3A%2F%2Fcrm.example.com%2Fhook", null),
        };

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await factory.LoadRequestAsync(CreatedId(response));
        Assert.Equal("jane@example.com", request.SubjectId);
        Assert.Equal("https://crm.example.com/hook", Assert.Single(request.ReportTargets).Target);
    }

    [Theory]
    [InlineData("json")]
    [InlineData("form")]
    [InlineData("query")]
    public async Task Post_CopernicaReport_IsReadFromJsonFormOrQuery(string source)
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);

        // As the seeds' PHP class posts: the token in the query string, the data JSON-encoded.
        var path = $"/v2/profile/1234/data?access_token={token.PlainText}";
        var response = source switch
        {
            "json" => await client.PostAsync(path, Json("""{"report": "example@example.com"}""")),
            "form" => await client.PostAsync(path, Form(("report", "example@example.com"))),
            _ => await client.PostAsync(path + "&report=example%40example.com", null),
        };

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var request = await factory.LoadRequestAsync(CreatedId(response));
        Assert.Equal("1234", request.SubjectId);
        Assert.Equal("example@example.com", Assert.Single(request.ReportTargets).Target);
    }

    [Fact]
    public async Task Post_PhpClientWithoutData_SendsAnEmptyJsonArray_AndIsFiled()
    {
        var token = await factory.IssueTokenAsync();

        var response = await factory.CreateClient().PostAsync($"/v1/subprofile/99/datarequest?access_token={token.PlainText}", Json("[]"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty((await factory.LoadRequestAsync(CreatedId(response))).ReportTargets);
    }

    [Theory]
    [InlineData("/v2/datarequest", "form", "email=not-an-address", "invalid_parameter", "email", "not a valid email address")]
    [InlineData("/v2/datarequest", "form", "", "invalid_parameter", "email", "Enter an email address")]
    [InlineData("/v2/datarequest", "json", """{"email": 5}""", "invalid_parameter", "email", "must be a string")]
    [InlineData("/v2/datarequest", "json", """{"email": "jane@example.com", "monitor": "ftp://crm.example.com/drop"}""", "invalid_parameter", "monitor", "not an absolute http or https URL")]
    [InlineData("/v2/datarequest", "form", "email=jane%40example.com&monitor=somewhere", "invalid_parameter", "monitor", "neither an http(s) URL nor an email address")]
    [InlineData("/v1/datarequest/jane.example.com", "none", "", "invalid_parameter", "email", "not a valid email address")]
    [InlineData("/v3/email/jane%40example.com/datarequest?report=nonsense", "none", "", "invalid_parameter", "report", "neither an http(s) URL nor an email address")]
    [InlineData("/v1/email/jane.example.com/datarequest", "none", "", "invalid_parameter", "email", "not a valid email address")]
    [InlineData("/v1/profile/abc/datarequest", "none", "", "invalid_parameter", "id", "positive whole number")]
    [InlineData("/v1/profile/0/datarequest", "none", "", "invalid_parameter", "id", "positive whole number")]
    [InlineData("/v2/subprofile/-5/data", "none", "", "invalid_parameter", "id", "positive whole number")]
    [InlineData("/v2/profile/12.5/data", "none", "", "invalid_parameter", "id", "positive whole number")]
    [InlineData("/v1/profile/12/datarequest", "json", """{"report": "https://crm.example.com/hook" """, "invalid_body", null, "not valid JSON")]
    [InlineData("/v1/profile/12/datarequest", "json", """["report"]""", "invalid_body", null, "must be an object")]
    [InlineData("/v1/profile/12/datarequest", "text", "report=example@example.com", "unsupported_media_type", null, "application/json or application/x-www-form-urlencoded")]
    [InlineData("/v1/profile/12/datarequest", "multipart", "example@example.com", "unsupported_media_type", null, "application/json or application/x-www-form-urlencoded")]
    public async Task Post_BadInput_Answers400WithACodeAndAMessageNamingTheProblem_AndFilesNothing(string path, string kind, string body, string code, string? parameter, string message)
    {
        var token = await factory.IssueTokenAsync();
        HttpContent? content = kind switch
        {
            "form" => new StringContent(body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"),
            "json" => Json(body),
            "text" => new StringContent(body, System.Text.Encoding.UTF8, "text/plain"),
            "multipart" => new MultipartFormDataContent { { new StringContent(body), "report" } },
            _ => null,
        };

        var response = await factory.CreateApiClient(token.PlainText).PostAsync(path, content);

        Assert.Contains(message, await ErrorAsync(response, HttpStatusCode.BadRequest, code));
        Assert.Equal(parameter, ErrorOf(await JsonBodyAsync(response)).Parameter);

        Assert.False(response.Headers.Contains("X-Created"));
        Assert.Equal(0, await factory.CountRequestsAsync(token.Id));
    }

    [Fact]
    public async Task Status_PendingThenAvailable_AsTheCollectorCompletesTheRequest()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest/", Form(("email", "status@example.com"))));

        var status = await WaitForStatusAsync(client, id);

        var request = await factory.LoadRequestAsync(id);
        Assert.Equal(RequestState.Completed, request.State);
        Assert.Equal(id, status.GetProperty("id").GetString());
        Assert.Equal(request.Result!.Bytes, status.GetProperty("available").GetInt64());
        Assert.Equal("application/json", status.GetProperty("content-type").GetString());
        Assert.Equal("completed", status.GetProperty("state").GetString());
        Assert.Equal(request.Result.Sha256, status.GetProperty("sha256").GetString());
        Assert.Equal(request.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), status.GetProperty("due").GetString());
        Assert.Equal(request.ExpiresAt!.Value, DateTimeOffset.Parse(status.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.Equal(request.ReceivedAt, DateTimeOffset.Parse(status.GetProperty("created").GetString()!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromSeconds(1));
        Assert.Equal(JsonValueKind.Object, status.GetProperty("progress").ValueKind);
    }

    [Theory]
    [InlineData("/v1/datarequest/{0}")]
    [InlineData("/v2/datarequest/{0}")]
    [InlineData("/v3/datarequest/{0}")]
    [InlineData("/v1/datarequest/{0}/data")]
    [InlineData("/v2/datarequest/{0}/data")]
    [InlineData("/v3/datarequest/{0}/data")]
    public async Task Get_WhenAvailable_StreamsTheStoredResult_WhoseSha256IsOnTheRequest(string path)
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v1/profile/4242/datarequest", null));
        await WaitForStatusAsync(client, id);

        var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        AssertExactJson(response);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        await using (var stored = (await factory.Services.GetRequiredService<ResultStore>().OpenReadAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)))!)
        {
            using var copy = new MemoryStream();
            await stored.CopyToAsync(copy);
            Assert.Equal(copy.ToArray(), bytes);
        }

        Assert.Equal((await factory.LoadRequestAsync(id)).Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using var document = JsonDocument.Parse(bytes);
        Assert.Equal("profile", document.RootElement.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal(4242, document.RootElement.GetProperty("info").GetProperty("id").GetInt64());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("data").ValueKind);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var download = await db.AuditEntries.SingleAsync(e => e.DataRequestId == long.Parse(id, System.Globalization.CultureInfo.InvariantCulture) && e.Action == AuditAction.ResultDownloaded);
        Assert.Equal((ActorKind.ApiClient, token.Name, "format json"), (download.ActorKind, download.ActorName, download.Detail));
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("v2")]
    public async Task GetPdf_WhenAvailable_AnswersThePdfReport_AndRecordsTheDownload(string version)
    {
        var token = await factory.IssueTokenAsync("crm");
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "jane.doe@example.com"))));
        await WaitForStatusAsync(client, id);

        var response = await client.GetAsync($"/{version}/datarequest/{id}/pdf");

        var request = await factory.LoadRequestAsync(id);
        Assert.Contains(request.Result!.Sha256, await PdfCoverAsync(response));

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.DataRequestId == request.Id && e.Action == AuditAction.ResultDownloaded && e.ActorName == "crm" && e.Detail == "format pdf"));
    }

    [Fact]
    public async Task DataCalls_EveryAnswer_IsKeptOutOfCaches()
    {
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "cache-api@example.com"))));
        await WaitForStatusAsync(client, id);

        var answers = new List<(string, HttpStatusCode, bool)>();
        foreach (var target in new[] { id, "1234567890123456" })
        {
            foreach (var path in new[] { "/v1/datarequest/{0}", "/v2/datarequest/{0}", "/v1/datarequest/{0}/data", "/v2/datarequest/{0}/data", "/v1/datarequest/{0}/pdf", "/v2/datarequest/{0}/pdf" })
            {
                var response = await client.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, target));
                answers.Add((path, response.StatusCode, response.Headers.CacheControl?.NoStore == true));
            }
        }

        Assert.All(answers, a => Assert.True(a.Item3, $"{a.Item1} ({a.Item2}) may be cached"));
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 6), .. Enumerable.Repeat(HttpStatusCode.NotFound, 6)], answers.Select(a => a.Item2));
    }

    [Fact]
    public async Task Delete_AfterAPdfDownload_DeletesTheReportWithTheResult()
    {
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "zoe.muller@example.com"))));
        await WaitForStatusAsync(client, id);
        await PdfCoverAsync(await client.GetAsync($"/v2/datarequest/{id}/pdf"));
        var report = Path.Combine(((FolderResultStore)factory.Services.GetRequiredService<ResultStore>()).Root, $"{id}.pdf");
        Assert.True(File.Exists(report));

        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/v2/datarequest/{id}")).StatusCode);

        Assert.False(File.Exists(report));
        Assert.Contains("expired", await ErrorAsync(await client.GetAsync($"/v2/datarequest/{id}/pdf"), HttpStatusCode.Gone, "expired"));
    }

    [Fact]
    public async Task DataCalls_AfterExpiry_Answer410_AndStatusSaysNotAvailable()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "expiring@example.com"))));
        await WaitForStatusAsync(client, id);

        await ExpireAsync(id);

        foreach (var path in new[] { $"/v1/datarequest/{id}", $"/v2/datarequest/{id}", $"/v1/datarequest/{id}/data", $"/v2/datarequest/{id}/data", $"/v1/datarequest/{id}/pdf", $"/v2/datarequest/{id}/pdf" })
        {
            Assert.Contains("expired", await ErrorAsync(await client.GetAsync(path), HttpStatusCode.Gone, "expired"));
        }

        var status = await JsonBodyAsync(await client.GetAsync($"/v1/datarequest/{id}/status"));
        Assert.Equal("not available", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("available").GetInt64());
        Assert.Equal("expired", status.GetProperty("state").GetString());
    }

    [Fact]
    public async Task Delete_CompletedRequest_DeletesTheResultNow_AndDataCallsAnswer410()
    {
        var token = await factory.IssueTokenAsync("crm");
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "forget@example.com"))));
        await WaitForStatusAsync(client, id);

        var response = await client.DeleteAsync($"/v2/datarequest/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonBodyAsync(response);
        Assert.Equal("not available", body.GetProperty("status").GetString());
        Assert.Equal("expired", body.GetProperty("state").GetString());
        var deletedAt = DateTimeOffset.Parse(body.GetProperty("expires").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(deletedAt <= DateTimeOffset.UtcNow && deletedAt > DateTimeOffset.UtcNow.AddMinutes(-1), $"expires {deletedAt}");
        Assert.Matches("^[0-9a-f]{64}$", body.GetProperty("sha256").GetString());
        Assert.False(await factory.Services.GetRequiredService<ResultStore>().ExistsAsync(long.Parse(id, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(HttpStatusCode.Gone, (await client.GetAsync($"/v2/datarequest/{id}")).StatusCode);
        var last = (await factory.LoadRequestAsync(id)).Timeline.OrderBy(t => t.Id).Last();
        Assert.Equal("Deleted by API client crm", last.Reason);
        Assert.Equal(Actor.ApiClient("crm"), last.Actor);
    }

    [Fact]
    public async Task Post_SameSubjectAgainWhileOpen_Answers200WithTheOpenRequestsId()
    {
        await using var held = HeldFactory();
        var token = await held.IssueTokenAsync();
        var client = held.CreateApiClient(token.PlainText);
        var first = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "twice@example.com"))));

        var again = await client.PostAsync("/v1/datarequest/TWICE%40example.com", null);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, CreatedId(again));
        var body = await JsonBodyAsync(again);
        Assert.Equal(first, body.GetProperty("id").GetString());
        Assert.True(body.GetProperty("duplicate").GetBoolean());
        Assert.Equal(1, await held.CountRequestsAsync(token.Id));

        var otherToken = await held.IssueTokenAsync("shop");
        var other = await held.CreateApiClient(otherToken.PlainText).PostAsync("/v2/datarequest", Form(("email", "twice@example.com")));
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.NotEqual(first, CreatedId(other));
    }

    [Fact]
    public async Task Post_RepeatedWithOtherReportTargets_SameId_AndEachTargetIsMailedOnce_AndLogged()
    {
        await using var held = HeldFactory();
        var token = await held.IssueTokenAsync("crm");
        var client = held.CreateApiClient(token.PlainText);
        var first = await client.PostAsync("/v2/profile/2/data", Json("""{"report":"first-report@example.com"}"""));
        var second = await client.PostAsync("/v2/profile/2/data", Json("""{"report":"second-report@example.com"}"""));
        var firstAgain = await client.PostAsync("/v1/profile/2/datarequest", Form(("report", "First-Report@Example.com")));
        var id = CreatedId(first);

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode, firstAgain.StatusCode));
        Assert.Equal([id, id], new[] { CreatedId(second), CreatedId(firstAgain) });
        Assert.True((await JsonBodyAsync(second)).GetProperty("duplicate").GetBoolean());

        await CompleteAsync(held, id);
        foreach (var address in new[] { "first-report@example.com", "second-report@example.com" })
        {
            var mail = await held.WaitForMailAsync(address, m => (m.Subject ?? "").Contains(id, StringComparison.Ordinal));
            Assert.Contains(mail.Attachments, a => a.ContentDisposition?.FileName == $"datarequest-{id}.json");
        }

        var deliveries = await WaitForDeliveriesAsync(held, id, 2);
        Assert.Equal(["first-report@example.com", "second-report@example.com"], deliveries.OrderBy(d => d.TargetNumber).Select(d => d.Target));
        Assert.All(deliveries, d => Assert.Equal((DeliveryState.Delivered, 1), (d.State, d.Attempts.Count)));
        Assert.Single(held.MailsTo("first-report@example.com"));
        Assert.Single(held.MailsTo("second-report@example.com"));
    }

    [Fact]
    public async Task Pending_StatusGetAndData_ShowNothingYet_InTheSeedsShape()
    {
        await using var held = HeldFactory();
        var token = await held.IssueTokenAsync();
        var client = held.CreateApiClient(token.PlainText);
        var email = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "waiting@example.com"))));
        var profile = CreatedId(await client.PostAsync("/v2/profile/77/datarequest", null));

        var status = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{email}/status"));
        Assert.Equal("pending", status.GetProperty("status").GetString());
        Assert.Equal(0, status.GetProperty("available").GetInt64());
        Assert.Equal("application/json", status.GetProperty("content-type").GetString());
        Assert.Equal("queued", status.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("expires").ValueKind);

        var result = await client.GetAsync($"/v1/datarequest/{email}");
        Assert.Equal(HttpStatusCode.OK, result.StatusCode);
        var document = await JsonBodyAsync(result);
        Assert.Equal("email", document.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal("waiting@example.com", document.GetProperty("info").GetProperty("id").GetString());
        Assert.Equal("Data not available (yet).", document.GetProperty("data").GetString());

        var profileDocument = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{profile}"));
        Assert.Equal(77, profileDocument.GetProperty("info").GetProperty("id").GetInt64());

        Assert.Contains("not available yet", await ErrorAsync(await client.GetAsync($"/v1/datarequest/{email}/data"), HttpStatusCode.NotFound, "not_ready"));
        Assert.Contains("not available yet", await ErrorAsync(await client.GetAsync($"/v2/datarequest/{email}/data"), HttpStatusCode.NotFound, "not_ready"));
        Assert.Contains("not available yet", await ErrorAsync(await client.GetAsync($"/v2/datarequest/{email}/pdf"), HttpStatusCode.NotFound, "not_ready"));
        Assert.Contains("not available yet", await ErrorAsync(await client.GetAsync($"/v1/datarequest/{email}/pdf"), HttpStatusCode.NotFound, "not_ready"));

        // Only data actually handed out is a download.
        await using var db = await held.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.ResultDownloaded));
    }

    [Fact]
    public async Task Delete_PendingRequest_CancelsIt_ByTheToken()
    {
        await using var held = HeldFactory();
        var token = await held.IssueTokenAsync("crm");
        var client = held.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "changed-mind@example.com"))));

        var response = await client.DeleteAsync($"/v1/datarequest/{id}");

        var body = await JsonBodyAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("cancelled", body.GetProperty("state").GetString());
        Assert.Equal("not available", body.GetProperty("status").GetString());
        var request = await held.LoadRequestAsync(id);
        Assert.Equal(RequestState.Cancelled, request.State);
        Assert.Equal(Actor.ApiClient("crm"), request.Timeline.OrderBy(t => t.Id).Last().Actor);
        Assert.Contains("the request was cancelled", await ErrorAsync(await client.GetAsync($"/v2/datarequest/{id}/data"), HttpStatusCode.NotFound, "not_available"));

        var again = await client.PostAsync("/v2/datarequest", Form(("email", "changed-mind@example.com")));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }

    [Fact]
    public async Task Delete_PendingRequest_RecordsTheClientsWithdrawalAsTheReason_InTheStatus()
    {
        await using var held = HeldFactory();
        var token = await held.IssueTokenAsync("crm");
        var client = held.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "withdrawn@example.com"))));

        var body = await JsonBodyAsync(await client.DeleteAsync($"/v2/datarequest/{id}"));

        const string Reason = "Withdrawn by the system that filed it (API client crm).";
        Assert.Equal(Reason, body.GetProperty("reason").GetString());
        Assert.Equal(Reason, (await held.LoadRequestAsync(id)).CancellationReason);
        var status = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{id}/status"));
        Assert.Equal(Reason, status.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Status_CarriesTheRegimeAndDueDate_AndWhilePausedSince()
    {
        await using var held = HeldFactory();
        held.Settings["Organisation:Regime"] = "UK-GDPR";
        var token = await held.IssueTokenAsync("crm");
        var client = held.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "paused@example.com"))));

        var running = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{id}/status"));
        Assert.Equal("UK-GDPR", running.GetProperty("regime").GetString());
        Assert.False(running.GetProperty("paused").GetBoolean());
        Assert.False(running.TryGetProperty("pausedSince", out _));
        var request = await held.LoadRequestAsync(id);
        var clock = held.Services.GetRequiredService<ComplianceClock>();
        Assert.Equal(request.DueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), running.GetProperty("due").GetString());

        await held.Services.GetRequiredService<RequestActions>().ApplyAsync(
            new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.AskSubject, "Which account?", Question: SubjectQuestion.Clarification),
            Actor.Staff("olga@example.com"));
        var paused = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{id}/status"));

        // The seeds' members stay as they were; the request waits, so it is still pending.
        Assert.Equal("pending", paused.GetProperty("status").GetString());
        Assert.Equal(0, paused.GetProperty("available").GetInt64());
        Assert.Equal("application/json", paused.GetProperty("content-type").GetString());
        Assert.Equal("awaitingsubject", paused.GetProperty("state").GetString());
        Assert.True(paused.GetProperty("paused").GetBoolean());
        var since = DateTimeOffset.Parse(paused.GetProperty("pausedSince").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(since <= clock.Now);
        Assert.Equal("UK-GDPR", paused.GetProperty("regime").GetString());
    }

    [Fact]
    public async Task AnotherTokensRequest_IsAnsweredExactlyLikeAnUnknownId_404_AndNotAvailableForTheStatus()
    {
        await using var held = HeldFactory();
        var owner = await held.IssueTokenAsync("crm");
        var id = CreatedId(await held.CreateApiClient(owner.PlainText).PostAsync("/v2/datarequest", Form(("email", "private@example.com"))));
        var stranger = held.CreateApiClient((await held.IssueTokenAsync("shop")).PlainText);

        var calls = new (HttpMethod Method, string Path, HttpStatusCode Status)[]
        {
            (HttpMethod.Get, "/v3/datarequest/{0}/status", HttpStatusCode.OK),
            (HttpMethod.Get, "/v2/datarequest/{0}/status", HttpStatusCode.OK),
            (HttpMethod.Get, "/v1/datarequest/{0}/status", HttpStatusCode.OK),
            (HttpMethod.Get, "/v2/datarequest/{0}", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/v1/datarequest/{0}", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/v1/datarequest/{0}/data", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/v2/datarequest/{0}/data", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/v2/datarequest/{0}/pdf", HttpStatusCode.NotFound),
            (HttpMethod.Get, "/v1/datarequest/{0}/pdf", HttpStatusCode.NotFound),
            (HttpMethod.Delete, "/v2/datarequest/{0}", HttpStatusCode.NotFound),
            (HttpMethod.Delete, "/v1/datarequest/{0}", HttpStatusCode.NotFound),
        };
        foreach (var (method, path, status) in calls)
        {
            var answers = new List<string>();
            foreach (var target in new[] { id, "1234567890123456", "abc", "0", "99999999999999999999" })
            {
                var response = await stranger.SendAsync(new HttpRequestMessage(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, target)));
                Assert.Equal(status, response.StatusCode);
                AssertExactJson(response);
                answers.Add(await response.Content.ReadAsStringAsync());
            }

            var answer = Assert.Single(answers.Distinct());
            using var json = JsonDocument.Parse(answer);
            if (status == HttpStatusCode.OK)
            {
                // Copernica's documented answer for a request it has no information about, and nothing else.
                Assert.Equal("""{"status":"not available","available":0,"content-type":"application/json"}""", answer);
            }
            else
            {
                Assert.Equal("unknown_request", ErrorOf(json.RootElement).Code);
            }
        }

        Assert.Equal(RequestState.Queued, (await held.LoadRequestAsync(id)).State);
    }

    /// <summary>A portal whose collector is off, so requests stay pending for as long as a test needs.</summary>
    private static PortalFactory HeldFactory()
    {
        var held = new PortalFactory();
        held.Settings["Collection:Enabled"] = "false";
        return held;
    }

    /// <summary>Collects a held portal's request to completion, as the collector would.</summary>
    private static async Task CompleteAsync(PortalFactory held, string id)
    {
        var requestId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await held.Services.GetRequiredService<RequestLeases>().TryClaimAsync(requestId, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        await held.Services.GetRequiredService<RequestCollector>().CollectAsync(requestId, "test", CancellationToken.None);
        Assert.Equal(RequestState.Completed, (await held.LoadRequestAsync(id)).State);
    }

    /// <summary>The request's deliveries once there are <paramref name="count"/> of them and none is still pending.</summary>
    private static async Task<List<ReportDelivery>> WaitForDeliveriesAsync(PortalFactory portal, string id, int count)
    {
        var requestId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
            {
                var deliveries = await db.ReportDeliveries.AsNoTracking().Include(d => d.Attempts).Where(d => d.DataRequestId == requestId).ToListAsync();
                if (deliveries.Count == count && deliveries.All(d => d.State != DeliveryState.Pending))
                {
                    return deliveries;
                }
            }

            Assert.True(DateTime.UtcNow < until, $"Request {id} has no {count} finished deliveries within 30 s.");
            await Task.Delay(100);
        }
    }

    /// <summary>Lets the retention period run out and the clean-up pass run, as it would after Results:RetentionDays.</summary>
    private async Task ExpireAsync(string id)
    {
        var requestId = long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var past = DateTimeOffset.UtcNow.AddMinutes(-1);
            await db.DataRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(s => s.SetProperty(r => r.ExpiresAt, past));
        }

        await factory.Services.GetRequiredService<ResultSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal(RequestState.Expired, (await factory.LoadRequestAsync(id)).State);
    }
}
