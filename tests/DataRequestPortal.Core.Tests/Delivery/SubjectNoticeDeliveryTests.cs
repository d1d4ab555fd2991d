using System.Globalization;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace DataRequestPortal.Core.Tests.Delivery;

/// <summary>The notices a self-service subject is emailed through the delivery queue: receipt, ready, closed.</summary>
public class SubjectNoticeDeliveryTests
{
    private const string Jane = "jane.doe@example.com";

    private static readonly string RequestsLink = new Uri(DeliveryHarness.PublicUrl, SubjectMails.RequestsPath).AbsoluteUri;

    [Fact]
    public async Task RunDueAsync_SelfServiceFiling_SendsTheReceiptWithDueDateIdAndOrganisation()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        var id = filing.Request.Id.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails());
        Assert.Equal(Jane, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(id, mail.Headers["X-DataRequest-Id"]);
        Assert.Contains(DeliveryHarness.OrganisationName, mail.Subject, StringComparison.Ordinal);
        Assert.NotNull(mail.TextBody);
        Assert.NotNull(mail.HtmlBody);
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("Wednesday 1 April 2026", body, StringComparison.Ordinal);
            Assert.Contains("Sunday 1 March 2026", body, StringComparison.Ordinal);
            Assert.Contains(id, body, StringComparison.Ordinal);
            Assert.Contains(DeliveryHarness.OrganisationName, body, StringComparison.Ordinal);
            Assert.Contains(RequestsLink, body, StringComparison.Ordinal);
        }

        var receipt = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id));
        Assert.Equal(DeliveryState.Delivered, receipt.State);
        Assert.Equal(ReportMailer.Accepted, Assert.Single(receipt.Attempts).StatusCode);
    }

    [Fact]
    public async Task RunDueAsync_StaffRequestForSelfServiceDelivery_TellsTheSubjectItWasFiled_WithTheLinkToTheirRequests()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync(Jane);
        await harness.Delivery.Collection.FileAsync("john@example.com");
        var id = delivered.Id.ToString(CultureInfo.InvariantCulture);

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails());
        Assert.Equal(Jane, Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(SubjectTexts.FiledForYouMailSubject(DeliveryHarness.OrganisationName), mail.Subject);
        Assert.Equal(id, mail.Headers["X-DataRequest-Id"]);
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("filed a request for a copy of your personal data for you", body, StringComparison.Ordinal);
            Assert.Contains(id, body, StringComparison.Ordinal);
            Assert.Contains("Wednesday 1 April 2026", body, StringComparison.Ordinal);
            Assert.Contains(RequestsLink, body, StringComparison.Ordinal);
            Assert.DoesNotContain("officer@example.com", body, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("by phone", body, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(DeliveryState.Delivered, Assert.Single(await harness.DeliveriesAsync(delivered.Id)).State);
    }

    [Fact]
    public async Task RunDueAsync_StaffRequestForSelfServiceDeliveryCompleted_SendsTheReadyNotice()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Source.Subjects.Add(Jane);
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        await harness.CompleteAsync(delivered.Id);

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ReadyMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal([DeliveryKind.Receipt, DeliveryKind.ReadyNotice], (await harness.DeliveriesAsync(delivered.Id)).Select(d => d.Kind));
    }

    [Fact]
    public async Task RunDueAsync_SelfServiceRequestCompleted_SendsAReadyNoticeWithThePortalLinkAndNoData()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Source.Subjects.Add(Jane);
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        var completed = await harness.CompleteAsync(filing.Request.Id);
        var result = await File.ReadAllTextAsync(Path.Combine(harness.Delivery.Collection.ResultsPath, $"{filing.Request.Id}.json"));
        Assert.Contains(RecordSource.Street, result, StringComparison.Ordinal);

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var ready = Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ReadyMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal(Jane, Assert.Single(ready.To.Mailboxes).Address);
        Assert.Empty(ready.Attachments);
        var everything = Everything(ready);
        Assert.Contains(RequestsLink, ready.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{RequestsLink}\"", ready.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(filing.Request.Id.ToString(CultureInfo.InvariantCulture), ready.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(RecordSource.Street, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(RecordSource.Postcode, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("postcode", everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(completed.Result!.Sha256, everything, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/download/", everything, StringComparison.Ordinal);

        Assert.Equal(
            [DeliveryKind.Receipt, DeliveryKind.ReadyNotice],
            (await harness.DeliveriesAsync(filing.Request.Id)).Select(d => d.Kind));
    }

    [Fact]
    public async Task RunDueAsync_SelfServiceRequestDenied_SendsAClosedNotice()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        const string Reason = "The address belongs to a company account, not a person.";
        await harness.DenyAsync(filing.Request.Id, Reason);

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var closed = Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ClosedMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal(Jane, Assert.Single(closed.To.Mailboxes).Address);
        Assert.Contains(RequestsLink, closed.TextBody, StringComparison.Ordinal);
        Assert.Contains(filing.Request.Id.ToString(CultureInfo.InvariantCulture), closed.TextBody, StringComparison.Ordinal);
        // The subject is owed the reason and the route to complain, in the mail as on their page.
        Assert.Contains(Reason, closed.TextBody, StringComparison.Ordinal);
        Assert.Contains(Reason, closed.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(SubjectTexts.Complaint(new OrganisationOptions().SupervisoryAuthority), closed.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Mails(), m => m.Subject == SubjectTexts.ReadyMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal(
            [DeliveryKind.Receipt, DeliveryKind.ClosedNotice],
            (await harness.DeliveriesAsync(filing.Request.Id)).Select(d => d.Kind));
    }

    [Fact]
    public async Task RunDueAsync_SelfServiceRequestCancelled_SendsAClosedNotice()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        await using (var db = harness.Database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filing.Request.Id);
            request.Cancel(Actor.Staff("officer@example.com"), harness.Clock, "Withdrawn by the subject by phone");
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ClosedMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal(2, harness.Mails().Count);
    }

    [Fact]
    public async Task RunDueAsync_StaffFiledRequestForTheSameAddress_SendsNoNotices()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Source.Subjects.Add(Jane);
        var completed = await harness.Delivery.Collection.FileAsync(Jane);
        await harness.CompleteAsync(completed.Id);
        var denied = await harness.Delivery.Collection.FileAsync(Jane);
        await harness.DenyAsync(denied.Id);

        Assert.Equal(0, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        Assert.Empty(harness.Mails());
        Assert.Empty(await harness.DeliveriesAsync(completed.Id));
        Assert.Empty(await harness.DeliveriesAsync(denied.Id));
    }

    [Fact]
    public async Task RunDueAsync_RunTwiceAfterEachStep_EachNoticeIsSentOnce()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Source.Subjects.Add(Jane);
        var filing = await harness.Requests.FileAsync(Jane);
        var worker = harness.Delivery.Worker();

        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await worker.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));
        Assert.Single(harness.Mails());

        await harness.CompleteAsync(filing.Request.Id);
        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await worker.RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        Assert.Equal(
            [SubjectTexts.ReceiptMailSubject(DeliveryHarness.OrganisationName), SubjectTexts.ReadyMailSubject(DeliveryHarness.OrganisationName)],
            harness.Mails().Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(await harness.DeliveriesAsync(filing.Request.Id), d => Assert.Equal(DeliveryState.Delivered, d.State));
    }

    [Fact]
    public async Task RunDueAsync_MailServerDownForTheReceipt_RetriesAndSendsItOnceItIsBack()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        harness.Delivery.Email.Mode = DataRequestPortal.Core.Email.EmailMode.Smtp;
        harness.Delivery.Email.Smtp.Host = "127.0.0.1";
        harness.Delivery.Email.Smtp.Port = 1;

        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));
        var pending = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id));
        Assert.Equal(DeliveryState.Pending, pending.State);
        Assert.NotNull(Assert.Single(pending.Attempts).Error);
        Assert.Empty(harness.Mails());

        harness.Delivery.Email.Mode = DataRequestPortal.Core.Email.EmailMode.Pickup;
        harness.Time.Advance(pending.NextAttemptAt - harness.Time.GetUtcNow());
        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        Assert.Equal(SubjectTexts.ReceiptMailSubject(DeliveryHarness.OrganisationName), Assert.Single(harness.Mails()).Subject);
        Assert.Equal(DeliveryState.Delivered, Assert.Single(await harness.DeliveriesAsync(filing.Request.Id)).State);
    }

    [Fact]
    public async Task RunDueAsync_ResultExpiredBeforeTheReadyNoticeWentOut_SendsNoReadyNotice()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        var completed = await harness.CompleteAsync(filing.Request.Id);
        harness.Time.Advance(completed.ExpiresAt!.Value - harness.Time.GetUtcNow());

        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);

        Assert.DoesNotContain(harness.Mails(), m => m.Subject == SubjectTexts.ReadyMailSubject(DeliveryHarness.OrganisationName));
        var notice = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id), d => d.Kind == DeliveryKind.ReadyNotice);
        Assert.Equal("The result is no longer available.", Assert.Single(notice.Attempts).Error);
    }

    private static string Everything(MimeMessage mail) => string.Join('\n', mail.Subject, mail.TextBody, mail.HtmlBody);
}
