using System.Security.Cryptography;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DataRequestPortal.Core.Tests.Delivery;

public partial class ReportMailerTests
{
    [Fact]
    public async Task RunDueAsync_EmailTargetWithSmallResult_MailsTheResultAttached()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var request = await harness.CompleteAsync("crm@example.com");

        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails());
        Assert.Equal("crm@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal($"{DeliveryHarness.OrganisationName}: data request {request.Id} is ready", mail.Subject);
        var attachment = Assert.IsType<MimePart>(Assert.Single(mail.Attachments));
        Assert.Equal($"datarequest-{request.Id}.json", attachment.FileName);
        Assert.Equal("application/json", attachment.ContentType.MimeType);
        using var content = new MemoryStream();
        await attachment.Content!.DecodeToAsync(content);
        Assert.Equal(request.Result, content.ToArray());

        var sha256 = Convert.ToHexStringLower(SHA256.HashData(request.Result));
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains(DeliveryHarness.OrganisationName, body, StringComparison.Ordinal);
            Assert.Contains($"{request.Id}", body, StringComparison.Ordinal);
            Assert.Contains("email jane@example.com", body, StringComparison.Ordinal);
            Assert.Contains(sha256, body, StringComparison.Ordinal);
            Assert.DoesNotContain("/download/", body, StringComparison.Ordinal);
        }

        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Delivered, delivery!.State);
        Assert.Equal(ReportMailer.Accepted, Assert.Single(delivery.Attempts).StatusCode);
        Assert.Equal(0, await harness.Worker().RunDueAsync(CancellationToken.None));
        Assert.Single(harness.Mails());
    }

    [Fact]
    public async Task RunDueAsync_StaffFiledRequestWithAnEmailTarget_IsMailedWithoutAnApiToken()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        Assert.True(ReportTarget.TryParse("privacy-team@example.org", out var target, out _));
        var request = await harness.Collection.Filing.FileForStaffAsync(
            Subject.Create(SubjectType.Email, "jane@example.com"), Actor.Staff("officer@example.com"), "Identity verified: passport", target);
        Assert.True(await harness.Collection.Leases.TryClaimAsync(request.Id, "p", TimeSpan.FromMinutes(1), CancellationToken.None));
        await harness.Collection.Collector().CollectAsync(request.Id, "p", CancellationToken.None);

        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails());
        Assert.Equal("privacy-team@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal($"datarequest-{request.Id}.json", Assert.IsType<MimePart>(Assert.Single(mail.Attachments)).FileName);
        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Delivered, delivery!.State);
        Assert.Null(delivery.ApiTokenId);
    }

    [Fact]
    public async Task FileForStaffAsync_WithAReportUrl_IsRefused_BecauseNothingCouldSignIt()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        Assert.True(ReportTarget.TryParse("https://hooks.example.org/report", out var target, out _));

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() => harness.Collection.Filing.FileForStaffAsync(
            Subject.Create(SubjectType.Email, "jane@example.com"), Actor.Staff("officer@example.com"), "Identity verified", target));

        Assert.Contains("give an email address instead", refused.Message);
        await using var db = harness.Collection.Database.CreateDbContext();
        Assert.Equal(0, await db.DataRequests.CountAsync());
    }

    [Fact]
    public async Task RunDueAsync_EmailTargetWithLargeResult_MailsALinkThatDownloadsUntilTheResultExpires()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        harness.Options.MaxAttachmentBytes = 10;
        var request = await harness.CompleteAsync("crm@example.com");
        var expiresAt = (await harness.Collection.LoadAsync(request.Id)).ExpiresAt!.Value;

        await harness.Worker().RunDueAsync(CancellationToken.None);

        var mail = Assert.Single(harness.Mails());
        Assert.Empty(mail.Attachments);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(request.Result)), mail.TextBody, StringComparison.Ordinal);
        var link = new Uri(Link().Match(mail.TextBody!).Value);
        Assert.Contains(link.AbsoluteUri.Replace("&", "&amp;", StringComparison.Ordinal), mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(new Uri(DeliveryHarness.PublicUrl, $"download/{request.Id}").AbsolutePath, link.AbsolutePath);
        var query = QueryHelpers.ParseQuery(link.Query);
        var expires = long.Parse(query["expires"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(expiresAt.ToUnixTimeSeconds(), expires);

        var links = harness.Links();
        Assert.Equal(DownloadLinkCheck.Valid, links.Check(request.Id, expires, query["signature"]));
        harness.Time.SetUtcNow(expiresAt);
        Assert.Equal(DownloadLinkCheck.Expired, links.Check(request.Id, expires, query["signature"]));
        Assert.Equal(DeliveryState.Delivered, (await harness.DeliveryOfAsync(request.Id))!.State);
    }

    [Fact]
    public async Task RunDueAsync_MailCannotBeWritten_LogsTheErrorAndRetriesAfterAMinute()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var request = await harness.CompleteAsync("crm@example.com");
        Directory.Delete(harness.MailDirectory);
        await File.WriteAllTextAsync(harness.MailDirectory, "a file where the pickup folder should be");
        try
        {
            await harness.Worker().RunDueAsync(CancellationToken.None);

            var delivery = await harness.DeliveryOfAsync(request.Id);
            Assert.Equal(DeliveryState.Pending, delivery!.State);
            var attempt = Assert.Single(delivery.Attempts);
            Assert.Null(attempt.StatusCode);
            Assert.False(string.IsNullOrEmpty(attempt.Error));
            Assert.Equal(harness.Time.GetUtcNow().AddMinutes(1), delivery.NextAttemptAt);
        }
        finally
        {
            File.Delete(harness.MailDirectory);
            Directory.CreateDirectory(harness.MailDirectory);
        }

        harness.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));
        Assert.Single(harness.Mails());
        Assert.Equal(DeliveryState.Delivered, (await harness.DeliveryOfAsync(request.Id))!.State);
    }

    [Fact]
    public async Task RunDueAsync_SmtpMode_SendsTheMailThroughTheServer()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await using var server = SmtpReceiver.Start();
        UseSmtp(harness, server);
        var request = await harness.CompleteAsync("crm@example.com");

        await harness.Worker().RunDueAsync(CancellationToken.None);

        var mail = MimeMessage.Load(new MemoryStream(Assert.Single(server.Messages)));
        Assert.Equal("crm@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal("privacy@example.org", Assert.Single(mail.From.Mailboxes).Address);
        Assert.Equal(DeliveryHarness.OrganisationName, Assert.Single(mail.From.Mailboxes).Name);
        using var content = new MemoryStream();
        await Assert.IsType<MimePart>(Assert.Single(mail.Attachments)).Content!.DecodeToAsync(content);
        Assert.Equal(request.Result, content.ToArray());
        Assert.Empty(harness.Mails());
        Assert.Equal(ReportMailer.Accepted, Assert.Single((await harness.DeliveryOfAsync(request.Id))!.Attempts).StatusCode);
    }

    [Fact]
    public async Task RunDueAsync_SmtpServerRefusesTheRecipient_LogsItsReplyAndRetries()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await using var server = SmtpReceiver.Start(refuseRecipientsWith: "550 5.1.1 mailbox unavailable");
        UseSmtp(harness, server);
        var request = await harness.CompleteAsync("crm@example.com");

        await harness.Worker().RunDueAsync(CancellationToken.None);

        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Pending, delivery!.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(550, attempt.StatusCode);
        Assert.Contains("mailbox unavailable", attempt.Error, StringComparison.Ordinal);
        Assert.Empty(server.Messages);

        server.RefuseRecipientsWith = null;
        harness.Time.Advance(TimeSpan.FromMinutes(1));
        await harness.Worker().RunDueAsync(CancellationToken.None);
        Assert.Single(server.Messages);
        Assert.Equal(DeliveryState.Delivered, (await harness.DeliveryOfAsync(request.Id))!.State);
    }

    private static void UseSmtp(DeliveryHarness harness, SmtpReceiver server)
    {
        harness.Email.Mode = EmailMode.Smtp;
        harness.Email.Smtp.Host = "127.0.0.1";
        harness.Email.Smtp.Port = server.Port;
        harness.Email.Smtp.Security = MailKit.Security.SecureSocketOptions.None;
        harness.Email.Smtp.TimeoutSeconds = Eventually.Timeout.TotalSeconds;
    }

    [GeneratedRegex(@"https://\S+")]
    private static partial Regex Link();
}
