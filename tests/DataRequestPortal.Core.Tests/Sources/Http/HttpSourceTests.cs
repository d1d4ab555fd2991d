using System.Diagnostics;
using System.Text;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Sources.Http;

public class HttpSourceTests
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    private static IDataSource Source(LocalHttpServer server, string path = "/crm/{subject}", double timeoutSeconds = 5, params (string Key, string Value)[] extra) =>
        ConfiguredSources.Single(
        [
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", server.Address + path),
            ("Sources:Http:0:TimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Sources:Http:0:Category:Name", "ticket"),
            ("Sources:Http:0:Category:Description", "Questions and complaints sent to customer service"),
            .. extra,
        ]);

    private static Task<LocalHttpServer> Answering(int status, string body) =>
        LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(body);
        }));

    [Fact]
    public async Task CollectAsync_ArrayOfRecords_WritesEachRecordKeepingItsOwnType()
    {
        await using var server = await Answering(200, """
            [ {"type": "call", "at": "2026-01-02T09:00:00Z", "summary": "Asked where the parcel is"},
              {"at": "2026-01-05T13:10:00Z", "summary": "Complained about a late delivery", "tags": ["delivery", "late"]} ]
            """);

        var collected = await CollectedRecords.CollectAsync(Source(server), Jane);

        Assert.Equal([new("ticket", 2)], collected.Categories);
        Assert.Equal(
            [
                """{"type":"call","at":"2026-01-02T09:00:00Z","summary":"Asked where the parcel is"}""",
                """{"type":"ticket","at":"2026-01-05T13:10:00Z","summary":"Complained about a late delivery","tags":["delivery","late"]}""",
            ],
            collected.In("ticket"));
    }

    [Theory]
    [InlineData(404, """{"error":"No such customer"}""")]
    [InlineData(204, "")]
    public async Task CollectAsync_UnknownSubject_WritesNoRecords(int status, string body)
    {
        await using var server = await Answering(status, body);

        var collected = await CollectedRecords.CollectAsync(Source(server), Jane);

        Assert.Equal([new("ticket", 0)], collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_ServerError_FailsNamingTheStatus()
    {
        await using var server = await Answering(500, """{"error":"database down"}""");

        var error = await CollectedRecords.FailureAsync(Source(server), Jane);

        Assert.Equal("HTTP source 'crm' answered 500 Internal Server Error.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_MalformedJson_FailsNamingTheByte()
    {
        await using var server = await Answering(200, """[{"a":1},{"b":]""");

        var error = await CollectedRecords.FailureAsync(Source(server), Jane);

        Assert.Equal("HTTP source 'crm' returned malformed JSON at byte 14.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_TruncatedAnswer_FailsAsMalformed()
    {
        await using var server = await Answering(200, """[{"a":1},{"b":2""");

        var error = await CollectedRecords.FailureAsync(Source(server), Jane);

        Assert.StartsWith("HTTP source 'crm' returned malformed JSON", error.Message);
    }

    [Theory]
    [InlineData("""{"tickets":[]}""", "HTTP source 'crm' answered a JSON object where a JSON array of records was expected.")]
    [InlineData("""[{"a":1},"free text"]""", "HTTP source 'crm' answered a string as element 2 where a record (a JSON object) was expected.")]
    [InlineData("""[{"a":1}] [{"b":2}]""", "HTTP source 'crm' returned malformed JSON at byte 10.")]
    public async Task CollectAsync_AnswerOfTheWrongShape_FailsSayingWhatIsWrong(string body, string expected)
    {
        await using var server = await Answering(200, body);

        var error = await CollectedRecords.FailureAsync(Source(server), Jane);

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public async Task CollectAsync_NoAnswerInTime_FailsWithinTheTimeout()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }));
        var clock = Stopwatch.StartNew();

        var error = await CollectedRecords.FailureAsync(Source(server, timeoutSeconds: 0.5), Jane);

        Assert.Equal("HTTP source 'crm' did not answer within 0.5 s.", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task CollectAsync_AnswerStopsHalfway_FailsWithinTheTimeout()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""[{"a":1},""", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }));

        var error = await CollectedRecords.FailureAsync(Source(server, timeoutSeconds: 0.5), Jane);

        Assert.Equal("HTTP source 'crm' stopped sending its answer for 0.5 s.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_LongAnswerThatKeepsComing_IsNotCutOff()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[", context.RequestAborted);
            for (var i = 0; i < 6; i++)
            {
                await context.Response.WriteAsync((i > 0 ? "," : "") + $$"""{"n":{{i}}}""", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                await Task.Delay(200, context.RequestAborted);
            }

            await context.Response.WriteAsync("]", context.RequestAborted);
        }));

        var collected = await CollectedRecords.CollectAsync(Source(server, timeoutSeconds: 0.6), Jane);

        Assert.Equal(6, collected.Categories[0].Records);
    }

    [Theory]
    [InlineData(200, """[{"summary":"Asked where the parcel is"}]""")]
    [InlineData(404, "")]
    [InlineData(500, """{"error":"database down"}""")]
    public async Task CollectAsync_AnyAnswer_LogsNothingThatNamesTheSubject(int status, string body)
    {
        var subject = Subject.Create(SubjectType.Email, "jane.doe@example.com");
        await using var server = await Answering(status, body);
        var logs = new CapturedLogs();
        await using var services = ConfiguredSources.Build(
            logs,
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", server.Address + "/crm/{subject}?who={subject}"),
            ("Sources:Http:0:Category:Name", "ticket"));
        var source = services.GetRequiredService<SourceCatalog>().All.Single();

        try
        {
            await CollectedRecords.CollectAsync(source, subject);
        }
        catch (DataSourceException)
        {
            // A failing source is logged by the factory too; only the logs matter here.
        }

        Assert.Single(server.Received);
        Assert.NotEmpty(logs.Lines);
        foreach (var form in new[] { "jane.doe@example.com", Uri.EscapeDataString("jane.doe@example.com"), "jane.doe" })
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(form, StringComparison.OrdinalIgnoreCase));
        }
    }

    [Fact]
    public async Task CollectAsync_IdentifierWithReservedCharacters_IsEscapedIntoOneSegment()
    {
        var subject = Subject.Create(SubjectType.Email, "a+b/c%d&e=f?g#h@example.com");
        string? seen = null;
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{type}/{email}", async context =>
        {
            seen = $"{context.GetRouteValue("type")} {Uri.UnescapeDataString((string)context.GetRouteValue("email")!)}";
            await context.Response.WriteAsync("[]");
        }));

        await CollectedRecords.CollectAsync(Source(server, "/crm/{subjectType}/{subject}?fields=all"), subject);

        Assert.Equal("/crm/email/a%2Bb%2Fc%25d%26e%3Df%3Fg%23h%40example.com?fields=all", Assert.Single(server.Received).Target);
        Assert.Equal("email a+b/c%d&e=f?g#h@example.com", seen);
    }

    [Fact]
    public async Task CollectAsync_ConfiguredHeaders_AreSentWithTheRequest()
    {
        await using var server = await Answering(200, "[]");

        await CollectedRecords.CollectAsync(Source(server, extra: [("Sources:Http:0:Headers:X-Api-Key", "k-123-secret")]), Jane);

        var request = Assert.Single(server.Received);
        Assert.Equal("k-123-secret", request.Headers["X-Api-Key"]);
        Assert.Equal("application/json", request.Headers["Accept"]);
    }

    [Fact]
    public async Task CollectAsync_Redirect_IsNotFollowedSoTheKeyStaysWithTheConfiguredHost()
    {
        await using var server = await LocalHttpServer.StartAsync(app =>
        {
            app.MapGet("/crm/{email}", context =>
            {
                context.Response.Redirect("/elsewhere");
                return Task.CompletedTask;
            });
            app.MapGet("/elsewhere", () => "[]");
        });

        var error = await CollectedRecords.FailureAsync(Source(server, extra: [("Sources:Http:0:Headers:X-Api-Key", "k-123-secret")]), Jane);

        Assert.StartsWith("HTTP source 'crm' answered 302 Found (redirects are not followed", error.Message);
        Assert.DoesNotContain(server.Received, r => r.Path == "/elsewhere");
    }

    [Fact]
    public async Task CollectAsync_RecordLargerThanTheReadBuffer_ArrivesWhole()
    {
        var letter = new string('x', 300_000);
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            var body = new StringBuilder("[");
            for (var i = 0; i < 2000; i++)
            {
                body.Append($$"""{"n":{{i}}},""");
            }

            body.Append($$"""{"letter":"{{letter}}"}]""");
            await context.Response.WriteAsync(body.ToString());
        }));

        var collected = await CollectedRecords.CollectAsync(Source(server), Jane);

        Assert.Equal(2001, collected.Categories[0].Records);
        Assert.Equal($$"""{"type":"ticket","letter":"{{letter}}"}""", collected.In("ticket")[^1]);
    }

    [Fact]
    public async Task CollectAsync_NobodyListening_FailsNamingTheHost()
    {
        var server = await Answering(200, "[]");
        var source = Source(server);
        var address = new Uri(server.Address);
        await server.DisposeAsync();

        var error = await CollectedRecords.FailureAsync(source, Jane);

        Assert.Equal($"HTTP source 'crm': 127.0.0.1:{address.Port} could not be used: no connection could be made.", error.Message);
    }
}
