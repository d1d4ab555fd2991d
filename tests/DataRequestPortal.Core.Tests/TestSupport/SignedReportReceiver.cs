using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A client's report endpoint on a real local server: it checks digest and signature the way README tells a receiver
/// to, and answers with the status codes the test queues (200 when none are left).
/// </summary>
public sealed partial class SignedReportReceiver : IAsyncDisposable
{
    private readonly LocalHttpServer server;

    private SignedReportReceiver(LocalHttpServer server) => this.server = server;

    public string Url => server.Address + "/hooks/report?client=crm";

    public ConcurrentQueue<int> Answers { get; } = new();

    public ConcurrentQueue<ReceivedReport> Reports { get; } = new();

    public static async Task<SignedReportReceiver> StartAsync(Func<string> secret, Func<DateTimeOffset> now, System.Net.IPAddress? listenOn = null)
    {
        SignedReportReceiver? receiver = null;
        var server = await LocalHttpServer.StartAsync(app => app.MapPost("/hooks/report", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            var body = buffer.ToArray();
            var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
            var headers = context.Request.Headers;
            var verified = Verify(body, rawTarget, headers.Host!, headers.Date!, headers["Digest"]!, headers["Signature"]!, secret(), now());
            receiver!.Reports.Enqueue(new ReceivedReport(body, context.Request.ContentType, headers["X-DataRequest-Id"].ToString(), headers["Signature"].ToString(), verified));
            return Results.StatusCode(receiver.Answers.TryDequeue(out var status) ? status : 200);
        }), listenOn);
        receiver = new SignedReportReceiver(server);
        return receiver;
    }

    /// <summary>The receiver's check, step by step as README gives it.</summary>
    public static bool Verify(byte[] body, string rawTarget, string host, string date, string digest, string signature, string secret, DateTimeOffset now)
    {
        if (digest != "SHA-256=" + Convert.ToBase64String(SHA256.HashData(body)))
        {
            return false;
        }

        var sent = DateTimeOffset.ParseExact(date, "r", CultureInfo.InvariantCulture);
        if ((now - sent).Duration() > TimeSpan.FromMinutes(5))
        {
            return false;
        }

        var fields = SignatureField().Matches(signature).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        if (fields["algorithm"] != "hmac-sha256" || fields["headers"] != "(request-target) host date digest")
        {
            return false;
        }

        var signingString = $"(request-target): post {rawTarget}\nhost: {host}\ndate: {date}\ndigest: {digest}";
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(signingString));
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromBase64String(fields["signature"]));
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    [GeneratedRegex("(\\w+)=\"([^\"]*)\"")]
    private static partial Regex SignatureField();
}

public sealed record ReceivedReport(byte[] Body, string? ContentType, string RequestId, string Signature, bool Verified);
