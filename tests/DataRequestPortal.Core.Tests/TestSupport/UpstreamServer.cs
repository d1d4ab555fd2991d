using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>How a fake upstream hands out the id of a new request.</summary>
public enum CreatedIdStyle
{
    /// <summary>As the portal and the seeds do: <c>X-Created</c>, <c>Location</c> and <c>{"id": "..."}</c>.</summary>
    Seeds,
    JsonString,
    JsonNumber,
    BareNumber,
}

/// <summary>
/// An in-process server speaking the datarequest dialect of the seeds (SMTPeter v1/v2, Copernica profiles and
/// subprofiles): it files requests, answers their status, and serves the result document, streamed.
/// </summary>
public sealed class UpstreamServer : IAsyncDisposable
{
    public const string Token = "upstream-secret-7f3a9c";

    private readonly ConcurrentDictionary<long, FiledUpstreamRequest> requests = new();
    private int failingStatusAnswers;
    private int notReadyResults;

    private UpstreamServer()
    {
    }

    public LocalHttpServer Http { get; private set; } = null!;

    public string BaseUrl => Http.Address;

    /// <summary>Every call received, in order.</summary>
    public IReadOnlyCollection<ReceivedRequest> Received => Http.Received;

    /// <summary>Status answers "pending" this many times per request before "available".</summary>
    public int PendingAnswers { get; set; } = 1;

    public bool NeverAvailable { get; set; }

    public bool NotAvailable { get; set; }

    /// <summary>This many result fetches still answer "Data not available (yet)." after the status said available.</summary>
    public int NotReadyResults { get => notReadyResults; set => notReadyResults = value; }

    public CreatedIdStyle IdStyle { get; set; } = CreatedIdStyle.Seeds;

    /// <summary>The result per request: a list of categories, each a list of records in JSON; enumerated lazily while streaming.</summary>
    public Func<FiledUpstreamRequest, IEnumerable<IEnumerable<string>>> Data { get; set; } = _ => [];

    /// <summary>Every request filed here, in order.</summary>
    public IReadOnlyList<FiledUpstreamRequest> Filed => [.. requests.Values.OrderBy(r => r.Sequence)];

    public int StatusCalls => Received.Count(r => r.Path.EndsWith("/status", StringComparison.Ordinal));

    /// <summary>The next <paramref name="count"/> status calls answer 502 Bad Gateway.</summary>
    public void FailStatus(int count) => Interlocked.Exchange(ref failingStatusAnswers, count);

    /// <summary>Forgets every request, as after the upstream's own retention.</summary>
    public void ForgetAll() => requests.Clear();

    public static async Task<UpstreamServer> StartAsync()
    {
        var server = new UpstreamServer();
        server.Http = await LocalHttpServer.StartAsync(server.Map);
        return server;
    }

    public ValueTask DisposeAsync() => Http.DisposeAsync();

    private void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/v{version:int}/datarequest", async context =>
        {
            var form = await context.Request.ReadFormAsync();
            await FileAsync(context, "email", form["email"].ToString());
        });
        app.MapPost("/v{version:int}/profile/{id:long}/datarequest", context => FileAsync(context, "profile", (string)context.GetRouteValue("id")!));
        app.MapPost("/v{version:int}/subprofile/{id:long}/datarequest", context => FileAsync(context, "subprofile", (string)context.GetRouteValue("id")!));
        app.MapGet("/v{version:int}/datarequest/{id:long}/status", StatusAsync);
        app.MapGet("/v{version:int}/datarequest/{id:long}", ResultAsync);
    }

    private static bool Authorised(HttpContext context) =>
        context.Request.Query["access_token"] == Token || context.Request.Headers.Authorization == $"Bearer {Token}";

    private async Task FileAsync(HttpContext context, string type, string subject)
    {
        if (!Authorised(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, """{"error":"Invalid access token"}""");
            return;
        }

        if (string.IsNullOrEmpty(subject))
        {
            await JsonAsync(context, StatusCodes.Status400BadRequest, """{"error":"email is required"}""");
            return;
        }

        var version = int.Parse((string)context.GetRouteValue("version")!, CultureInfo.InvariantCulture);
        var id = Random.Shared.NextInt64(1, 1L << 53);
        var filed = new FiledUpstreamRequest(id, version, type, subject, requests.Count);
        requests[id] = filed;

        var text = id.ToString(CultureInfo.InvariantCulture);
        if (IdStyle == CreatedIdStyle.Seeds)
        {
            context.Response.Headers["X-Created"] = text;
            context.Response.Headers.Location = $"/v{version}/datarequest/{text}";
        }

        await JsonAsync(context, StatusCodes.Status201Created, IdStyle switch
        {
            CreatedIdStyle.JsonNumber => $$"""{"id":{{text}}}""",
            CreatedIdStyle.BareNumber => text,
            _ => $$"""{"id":"{{text}}"}""",
        });
    }

    private async Task StatusAsync(HttpContext context)
    {
        if (!Authorised(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, """{"error":"Invalid access token"}""");
            return;
        }

        if (!requests.TryGetValue(long.Parse((string)context.GetRouteValue("id")!, CultureInfo.InvariantCulture), out var request))
        {
            await JsonAsync(context, StatusCodes.Status404NotFound, """{"error":"Unknown data request"}""");
            return;
        }

        if (Interlocked.Decrement(ref failingStatusAnswers) >= 0)
        {
            await JsonAsync(context, StatusCodes.Status502BadGateway, """{"error":"Bad gateway"}""");
            return;
        }

        Interlocked.Increment(ref request.StatusAnswers);
        var status = NotAvailable ? "not available" : IsReady(request) ? "available" : "pending";
        await JsonAsync(context, StatusCodes.Status200OK, $$"""{"status":"{{status}}","available":0,"content-type":"application/json"}""");
    }

    private async Task ResultAsync(HttpContext context)
    {
        if (!Authorised(context))
        {
            await JsonAsync(context, StatusCodes.Status401Unauthorized, """{"error":"Invalid access token"}""");
            return;
        }

        if (!requests.TryGetValue(long.Parse((string)context.GetRouteValue("id")!, CultureInfo.InvariantCulture), out var request))
        {
            await JsonAsync(context, StatusCodes.Status404NotFound, """{"error":"Unknown data request"}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteStartObject("info");
        json.WriteString("type", request.Type);
        if (request.Type == "email")
        {
            json.WriteString("id", request.Subject);
        }
        else
        {
            json.WriteNumber("id", long.Parse(request.Subject, CultureInfo.InvariantCulture));
        }

        json.WriteEndObject();
        if (NotAvailable || !IsReady(request) || Interlocked.Decrement(ref notReadyResults) >= 0)
        {
            json.WriteString("data", "Data not available (yet).");
        }
        else
        {
            json.WriteStartArray("data");
            var written = 0;
            foreach (var category in Data(request))
            {
                json.WriteStartArray();
                foreach (var record in category)
                {
                    json.WriteRawValue(record);
                    if (++written % 1000 == 0)
                    {
                        await json.FlushAsync(context.RequestAborted);
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartObject("meta");
            json.WriteNumber("request", request.Id);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    private bool IsReady(FiledUpstreamRequest request) => !NeverAvailable && request.StatusAnswers > PendingAnswers;

    private static async Task JsonAsync(HttpContext context, int status, string body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}

/// <summary>A request filed at the fake upstream: its id, the API version used, and whom it is about.</summary>
public sealed class FiledUpstreamRequest(long id, int apiVersion, string type, string subject, int sequence)
{
    public long Id { get; } = id;

    public int ApiVersion { get; } = apiVersion;

    /// <summary><c>email</c>, <c>profile</c> or <c>subprofile</c>.</summary>
    public string Type { get; } = type;

    public string Subject { get; } = subject;

    public int Sequence { get; } = sequence;

    internal int StatusAnswers;
}
