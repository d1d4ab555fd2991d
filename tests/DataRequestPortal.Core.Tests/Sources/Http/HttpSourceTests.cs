using System.Text;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Sources.Http;

public class HttpSourceTests
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    private static IDataSource Source(LocalHttpServer server, string path = "/crm/{subject}", double timeoutSeconds = 5, params (string Key, string Value)[] extra) =>
        ConfiguredSources.Single(Settings(server, path, timeoutSeconds, extra));

    /// <summary>The source on a clock the test moves, with its log lines in <paramref name="logs"/> and, when given, the answer's bytes counted as it reads them.</summary>
    private static IDataSource Source(LocalHttpServer server, FakeTimeProvider time, CapturedLogs logs, double timeoutSeconds, BytesRead? read = null) =>
        ConfiguredSources.Build(
            time,
            logs,
            services => services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new CountingReads(read ?? new BytesRead()))),
            Settings(server, "/crm/{subject}", timeoutSeconds, [])).GetRequiredService<SourceCatalog>().All.Single();

    private static (string Key, string Value)[] Settings(LocalHttpServer server, string path, double timeoutSeconds, (string Key, string Value)[] extra) =>
        [
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", server.Address + path),
            ("Sources:Http:0:TimeoutSeconds", timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Sources:Http:0:Category:Name", "ticket"),
            ("Sources:Http:0:Category:Description", "Questions and complaints sent to customer service"),
            .. extra,
        ];

    /// <summary>Waits until the source has the service's answer (its status line and headers) in hand.</summary>
    private static Task AnsweredAsync(CapturedLogs logs) =>
        Eventually.UntilAsync(() => logs.Lines.Any(line => line.Contains("answered 200", StringComparison.Ordinal)), "the service answered");

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
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            asked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }));
        var time = new FakeTimeProvider();
        var failing = CollectedRecords.FailureAsync(Source(server, time, new CapturedLogs(), timeoutSeconds: 0.5), Jane);
        await asked.Task.WaitAsync(Eventually.Timeout);

        time.Advance(TimeSpan.FromSeconds(0.5));

        var error = await failing.WaitAsync(Eventually.Timeout);
        Assert.Equal("HTTP source 'crm' did not answer within 0.5 s.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_AnswerStopsHalfway_FailsWithinTheTimeout()
    {
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("""[{"a":1},""", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }));
        var time = new FakeTimeProvider();
        var logs = new CapturedLogs();
        var failing = CollectedRecords.FailureAsync(Source(server, time, logs, timeoutSeconds: 0.5), Jane);
        await AnsweredAsync(logs);

        // Again and again, in case the source was just starting another read (which restarts its limit) as time moved.
        await Eventually.UntilAsync(() => { time.Advance(TimeSpan.FromSeconds(0.5)); return failing.IsCompleted; }, "the source gave up");

        Assert.Equal("HTTP source 'crm' stopped sending its answer for 0.5 s.", (await failing).Message);
    }

    [Fact]
    public async Task CollectAsync_RecordsArrivingSlowly_AreWrittenAsTheyArrive()
    {
        var rest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[" + string.Join(',', Enumerable.Range(0, 30).Select(i => $$"""{"n":{{i}}}""")), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await rest.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("]", context.RequestAborted);
        }));
        var source = Source(server, timeoutSeconds: 600);
        var thirty = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var file = new MemoryStream();
        await using var output = new SourceOutput(file, source.Description, (records, _) =>
        {
            if (records == 30)
            {
                thirty.TrySetResult();
            }
        });

        var collecting = source.CollectAsync(Jane, output, CancellationToken.None);

        // The 30 records count while the answer is still open, not only once it ends.
        await thirty.Task.WaitAsync(Eventually.Timeout);
        Assert.False(collecting.IsCompleted);
        rest.SetResult();
        await collecting.WaitAsync(Eventually.Timeout);
        Assert.Equal(30, output.Records);
    }

    [Fact]
    public async Task CollectAsync_LongAnswerThatKeepsComing_IsNotCutOff()
    {
        var chunks = new[] { "[", """{"n":0}""", """,{"n":1}""", """,{"n":2}""", """,{"n":3}""", """,{"n":4}""", """,{"n":5}""", "]" };
        using var next = new SemaphoreSlim(0);
        await using var server = await LocalHttpServer.StartAsync(app => app.MapGet("/crm/{email}", async context =>
        {
            context.Response.ContentType = "application/json";
            for (var i = 0; i < chunks.Length; i++)
            {
                if (i > 0)
                {
                    await next.WaitAsync(context.RequestAborted);
                }

                await context.Response.WriteAsync(chunks[i], context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }));
        var time = new FakeTimeProvider();
        var logs = new CapturedLogs();
        var read = new BytesRead();
        var source = Source(server, time, logs, timeoutSeconds: 1, read);
        using var file = new MemoryStream();
        await using var output = new SourceOutput(file, source.Description);
        var collecting = source.CollectAsync(Jane, output, CancellationToken.None);

        // Each pause is well within the limit (at most two fall between two reads); together they last 2.8 times as long.
        for (var sent = 1; sent < chunks.Length; sent++)
        {
            var expected = chunks.Take(sent).Sum(c => c.Length);
            await Eventually.UntilAsync(() => read.Count == expected, $"the source read the first {sent} parts");
            time.Advance(TimeSpan.FromSeconds(0.4));
            next.Release();
        }

        await collecting.WaitAsync(Eventually.Timeout);
        Assert.Equal(6, output.Records);
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

    /// <summary>How many bytes of answers the source has read so far.</summary>
    private sealed class BytesRead
    {
        private long count;

        public long Count => Interlocked.Read(ref count);

        public void Add(int bytes) => Interlocked.Add(ref count, bytes);
    }

    /// <summary>Hands the source each answer's body through a stream that counts what it reads, so a test knows when it has read what was sent.</summary>
    private sealed class CountingReads(BytesRead read) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var original = response.Content;
            var counted = new StreamContent(new CountingStream(await original.ReadAsStreamAsync(cancellationToken), read));
            foreach (var header in original.Headers)
            {
                counted.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = counted;
            return response;
        }
    }

    private sealed class CountingStream(Stream inner, BytesRead read) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = await inner.ReadAsync(buffer, cancellationToken);
            read.Add(count);
            return count;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            var bytes = inner.Read(buffer, offset, count);
            read.Add(bytes);
            return bytes;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
