using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public partial class DownloadEndpointsTests
{
    private const long RequestId = 1_234_567_890_123_457;

    private const string ReportAddress = "crm@example.com";

    [Fact]
    public async Task Download_ValidLink_StreamsTheExactResultAsAnAttachment()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        var result = await CompletedRequestAsync(factory);
        var link = factory.Services.GetRequiredService<DownloadLinks>().Create(RequestId, DateTimeOffset.UtcNow.AddDays(1))!;

        var response = await client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal($"datarequest-{RequestId}.json", response.Content.Headers.ContentDisposition.FileName);
        Assert.Equal(result, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Download_ValidLink_IsAuditLogged_AsTheLinkMailedToTheReportAddress()
    {
        using var factory = new PortalFactory();
        await CompletedRequestAsync(factory);
        var link = factory.Services.GetRequiredService<DownloadLinks>().Create(RequestId, DateTimeOffset.UtcNow.AddDays(1))!;

        var response = await factory.CreateClient().GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleOrDefaultAsync(e => e.DataRequestId == RequestId && e.Action == AuditAction.ResultDownloaded);
        Assert.NotNull(entry);
        Assert.Equal((ActorKind.EmailedLink, ReportAddress, "format json"), (entry.ActorKind, entry.ActorName, entry.Detail));
    }

    [Fact]
    public async Task Download_EveryAnswer_IsKeptOutOfCaches()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        await CompletedRequestAsync(factory);
        var links = factory.Services.GetRequiredService<DownloadLinks>();
        var past = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();

        var valid = await client.GetAsync(links.Create(RequestId, DateTimeOffset.UtcNow.AddDays(1))!.PathAndQuery);
        var forged = await client.GetAsync($"/download/{RequestId}?expires={past + 86400}&signature=AAAA");
        var expired = await client.GetAsync($"/download/{RequestId}?expires={past}&signature={links.Sign(RequestId, past)}");

        Assert.Equal(
            [(HttpStatusCode.OK, true), (HttpStatusCode.NotFound, true), (HttpStatusCode.Gone, true)],
            new[] { valid, forged, expired }.Select(r => (r.StatusCode, r.Headers.CacheControl?.NoStore == true)));
    }

    [Theory]
    [InlineData("signature=AAAA")]
    [InlineData("")]
    [InlineData("other-request")]
    [InlineData("later-expiry")]
    public async Task Download_ForgedLink_Answers404(string forgery)
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        await CompletedRequestAsync(factory);
        var links = factory.Services.GetRequiredService<DownloadLinks>();
        var expires = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();
        var signature = links.Sign(RequestId, expires);
        var path = forgery switch
        {
            "" => $"/download/{RequestId}",
            "other-request" => $"/download/{RequestId + 1}?expires={expires}&signature={signature}",
            "later-expiry" => $"/download/{RequestId}?expires={expires + 86400}&signature={signature}",
            _ => $"/download/{RequestId}?expires={expires}&{forgery}",
        };

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("\"results\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_ExpiredLink_Answers410()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        await CompletedRequestAsync(factory);
        var links = factory.Services.GetRequiredService<DownloadLinks>();
        var expires = DateTimeOffset.UtcNow.AddMinutes(-1).ToUnixTimeSeconds();

        var response = await client.GetAsync($"/download/{RequestId}?expires={expires}&signature={links.Sign(RequestId, expires)}");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Download_ResultDeleted_Answers410()
    {
        using var factory = new PortalFactory();
        var client = factory.CreateClient();
        var link = factory.Services.GetRequiredService<DownloadLinks>().Create(RequestId, DateTimeOffset.UtcNow.AddDays(1))!;

        var response = await client.GetAsync(link.PathAndQuery);

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task ApiRequest_WithEmailReportAndLargeResult_MailsALinkThatDownloadsTheResult()
    {
        using var factory = new PortalFactory();
        var mail = Path.Combine(factory.DataDirectory, "mail");
        factory.Settings["Delivery:MaxAttachmentBytes"] = "1";
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);

        var id = CreatedId(await client.PostAsync("/v2/datarequest", Json("""{"email": "jane@example.com", "monitor": "crm@example.com"}""")));
        await WaitForStatusAsync(client, id);
        var message = await WaitForMailAsync(mail);

        Assert.Equal("crm@example.com", Assert.Single(message.To.Mailboxes).Address);
        Assert.Empty(message.Attachments);
        var link = new Uri(Link().Match(message.TextBody!).Value);
        Assert.Equal($"/download/{id}", link.AbsolutePath);
        var download = await factory.CreateClient().GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(factory.DataDirectory, "results", $"{id}.json")), await download.Content.ReadAsByteArrayAsync());
    }

    /// <summary>An API request with id <see cref="RequestId"/>, completed, its result on disk and reported to <see cref="ReportAddress"/>.</summary>
    private static async Task<byte[]> CompletedRequestAsync(PortalFactory factory)
    {
        var bytes = "{\"results\": [{\"source\": \"mail\", \"records\": []}]}"u8.ToArray();
        var folder = Path.Combine(factory.DataDirectory, "results");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, $"{RequestId}.json"), bytes);

        var clock = factory.Services.GetRequiredService<ComplianceClock>();
        var token = await factory.IssueTokenAsync();
        Assert.True(ReportTarget.TryParse(ReportAddress, out var report, out var error), error);
        var request = DataRequest.FileForApiClient(RequestId, Subject.Create(SubjectType.Email, "jane@example.com"), new ApiClient(token.Id, token.Name), report, clock);
        request.StartCollecting(clock, 1);
        request.Complete(new ResultFingerprint(bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), clock, TimeSpan.FromDays(30));
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.DataRequests.Add(request);
        await db.SaveChangesAsync();
        return bytes;
    }

    private static async Task<MimeMessage> WaitForMailAsync(string folder)
    {
        var file = await Eventually.ReadAsync(
            () => Task.FromResult(Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml").SingleOrDefault() : null),
            found => found is not null,
            _ => $"No report email in {folder}");
        return await MimeMessage.LoadAsync(file!);
    }

    [GeneratedRegex(@"http://localhost:5180/\S+")]
    private static partial Regex Link();
}
