using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// Makes one attempt at emailing a result to a client's report address: the JSON attached when it is at most
/// <c>Delivery:MaxAttachmentBytes</c>, otherwise a signed download link that expires with the result.
/// </summary>
public sealed class ReportMailer(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    DownloadLinks links,
    MailDispatch dispatch,
    SubjectMails subjectMails,
    TimeProvider time,
    IOptions<DeliveryOptions> deliveryOptions,
    IOptions<OrganisationOptions> organisationOptions,
    IOptions<PortalOptions>? portalOptions = null)
{
    /// <summary>The SMTP reply code for an accepted message, recorded for every sent mail as a URL delivery records the HTTP status.</summary>
    public const int Accepted = 250;

    private readonly DeliveryOptions options = deliveryOptions.Value;

    public async Task<DeliveryOutcome> SendAsync(long requestId, string address, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!MailboxAddress.TryParse(address, out var recipient))
        {
            return DeliveryOutcome.Refused($"Refused: '{address}' is not an email address.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        if (request.ExpiresAt is not { } expiresAt || expiresAt <= time.GetUtcNow())
        {
            return DeliveryOutcome.Refused("The result is no longer available.");
        }

        var report = await ReadAsync(requestId, cancellationToken);
        if (report is null)
        {
            return DeliveryOutcome.Refused("The result is no longer available.");
        }

        Uri? link = null;
        if (report.Content is null)
        {
            link = links.Create(requestId, expiresAt);
            if (link is null)
            {
                return DeliveryOutcome.Refused("The result is too large to attach and Portal:PublicUrl is not set, so no download link can be sent.");
            }
        }

        return await DispatchAsync(Compose(request, recipient, report, link, expiresAt), started, cancellationToken);
    }

    /// <summary>
    /// Makes one attempt at a notice to a self-service subject (receipt, ready, closed, extension, question; for a
    /// question, <paramref name="number"/> is the pause's); it carries none of their data.
    /// </summary>
    public async Task<DeliveryOutcome> SendNoticeAsync(long requestId, DeliveryKind kind, int number, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking().Include(r => r.Pauses).SingleAsync(r => r.Id == requestId, cancellationToken);
        if (kind == DeliveryKind.ReadyNotice && (request.State != RequestState.Completed || request.ExpiresAt <= time.GetUtcNow()))
        {
            return DeliveryOutcome.Refused("The result is no longer available.");
        }

        var message = kind switch
        {
            DeliveryKind.Receipt => subjectMails.Receipt(request),
            DeliveryKind.ReadyNotice => subjectMails.Ready(request),
            DeliveryKind.ClosedNotice => subjectMails.Closed(request),
            DeliveryKind.ExtensionNotice => subjectMails.Extended(request),
            DeliveryKind.QuestionNotice when request.Pauses.FirstOrDefault(p => p.Number == number) is { } pause => subjectMails.Question(request, pause),
            DeliveryKind.QuestionNotice => null,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a notice."),
        };
        if (message is null)
        {
            return DeliveryOutcome.Refused($"The request has no question number {number}.");
        }

        return await DispatchAsync(message, started, cancellationToken);
    }

    /// <summary>
    /// Makes one attempt at a staff member's daily digest, with the text composed at the hour; refused once the account
    /// no longer wants it, is disabled, or is no longer an officer or admin.
    /// </summary>
    public async Task<DeliveryOutcome> SendDigestAsync(long digestId, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var digest = await db.StaffDigestMails.AsNoTracking().SingleAsync(m => m.Id == digestId, cancellationToken);
        var recipients = await DigestRecipients.ListAsync(db, digest.UserId, cancellationToken);
        if (recipients.Count == 0 || digest.Text is null || !MailboxAddress.TryParse(recipients[0].Email, out var recipient))
        {
            return DeliveryOutcome.Refused("The account no longer receives the daily digest.");
        }

        var organisation = organisationOptions.Value.Name;
        var count = digest.RequestCount == 1 ? "1 request needs" : $"{digest.RequestCount} requests need";
        var message = new MimeMessage
        {
            Subject = $"{organisation}: {count} you ({digest.Day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})",
            Body = new TextPart("plain") { Text = $"{digest.Text}\nYou receive this daily digest because you asked for it on your account's Reminders page.\n\n{organisation}\n" },
        };
        message.To.Add(new MailboxAddress(recipients[0].Name, recipient.Address));
        return await DispatchAsync(message, started, cancellationToken);
    }

    /// <summary>One attempt at telling a manual task's assignee about it: the request, the source and a link; no subject data.</summary>
    public async Task<DeliveryOutcome> SendTaskNoticeAsync(long requestId, string address, int number, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!MailboxAddress.TryParse(address, out var recipient))
        {
            return DeliveryOutcome.Refused($"'{address}' is not an email address.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
        var task = await db.ManualTasks.AsNoTracking().SingleOrDefaultAsync(t => t.DataRequestId == requestId && t.Number == number, cancellationToken);
        if (task is null || !task.IsOpen)
        {
            return DeliveryOutcome.Refused($"Task {number} is done already or gone.");
        }

        var id = requestId.ToString(CultureInfo.InvariantCulture);
        var link = portalOptions?.Value.Link($"requests/{id}");
        var due = request.DueDate.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        var text = string.Join(
            "\n",
            $"Request {id} needs a search by hand in '{task.SourceTitle}' (task {number}).",
            "",
            $"The request is due on {due}; it completes only when every task is done.",
            "Open the request, read the instructions, and upload what you found or attest that nothing was found:",
            link?.ToString() ?? $"request {id} in the portal",
            "",
            organisationOptions.Value.Name);
        var message = new MimeMessage { Subject = $"A search by hand waits for you: {task.SourceTitle}, request {id}", Body = new TextPart("plain") { Text = text } };
        message.To.Add(recipient);
        message.Headers.Add("X-DataRequest-Id", id);
        return await DispatchAsync(message, started, cancellationToken);
    }

    private async Task<DeliveryOutcome> DispatchAsync(MimeMessage message, long started, CancellationToken cancellationToken)
    {
        try
        {
            await dispatch.SendAsync(message, cancellationToken);
            return new DeliveryOutcome(Accepted, null, time.GetElapsedTime(started));
        }
        catch (SmtpCommandException ex)
        {
            return new DeliveryOutcome((int)ex.StatusCode, $"The mail server answered {(int)ex.StatusCode}: {ex.Message}", time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, ex.Message, time.GetElapsedTime(started));
        }
    }

    private async Task<ResultForMail?> ReadAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var body = await store.OpenReadAsync(requestId);
        if (body is null)
        {
            return null;
        }

        if (body.Length > options.MaxAttachmentBytes)
        {
            return new ResultForMail(await SHA256.HashDataAsync(body, cancellationToken), body.Length, null);
        }

        using var copy = new MemoryStream((int)body.Length);
        await body.CopyToAsync(copy, cancellationToken);
        var content = copy.ToArray();
        return new ResultForMail(SHA256.HashData(content), content.Length, content);
    }

    private MimeMessage Compose(DataRequest request, MailboxAddress recipient, ResultForMail report, Uri? link, DateTimeOffset expiresAt)
    {
        var organisation = organisationOptions.Value.Name;
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var subject = $"{request.SubjectType.ToWireName()} {request.SubjectId}";
        var sha256 = Convert.ToHexStringLower(report.Sha256);
        var expires = expiresAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var fileName = $"datarequest-{id}.json";
        var size = report.Length.ToString("N0", CultureInfo.InvariantCulture);

        var whereText = link is null
            ? $"The result ({size} bytes) is attached as {fileName}."
            : $"The result ({size} bytes) is too large to attach. Download it, without signing in, until {expires}:\n{link.AbsoluteUri}";
        var whereHtml = link is null
            ? $"<p>The result ({size} bytes) is attached as <code>{fileName}</code>.</p>"
            : $"<p>The result ({size} bytes) is too large to attach. <a href=\"{WebUtility.HtmlEncode(link.AbsoluteUri)}\">Download it</a>, without signing in, until {expires}.</p>";

        var body = new BodyBuilder
        {
            TextBody = $"""
                Data request {id} for {subject} is complete.

                {whereText}

                SHA-256 of the result: {sha256}
                The result is deleted on {expires}.

                {organisation}
                """,
            HtmlBody = $"""
                <p>Data request <strong>{id}</strong> for {WebUtility.HtmlEncode(subject)} is complete.</p>
                {whereHtml}
                <p>SHA-256 of the result: <code>{sha256}</code><br>The result is deleted on {expires}.</p>
                <p>{WebUtility.HtmlEncode(organisation)}</p>
                """,
        };
        if (report.Content is { } content)
        {
            body.Attachments.Add(fileName, content, new ContentType("application", "json"));
        }

        var message = new MimeMessage
        {
            Subject = $"{organisation}: data request {id} is ready",
            Body = body.ToMessageBody(),
        };
        message.To.Add(recipient);
        message.Headers.Add("X-DataRequest-Id", id);
        return message;
    }

    /// <summary>The result's fingerprint and size, with its bytes when small enough to attach.</summary>
    private sealed record ResultForMail(byte[] Sha256, long Length, byte[]? Content);
}
