using System.Globalization;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// The emails a data subject receives, each in HTML and plain text and signed with the organisation's name: the
/// sign-in code and link, the receipt with the due date, and short notices (result ready, request closed) that only
/// point to the portal, so a mail read by someone else gives away nothing beyond the address it was sent to.
/// </summary>
public sealed class SubjectMails(IOptions<OrganisationOptions> organisationOptions, IOptions<PortalOptions> portalOptions, ComplianceClock clock)
{
    public const string StartPath = "my-data";

    public const string VerifyPath = "my-data/verify";

    public const string RequestsPath = "my-data/requests";

    public const string LinkParameter = "link";

    private string Organisation => organisationOptions.Value.Name;

    /// <summary>The sign-in link for a link token, or null when <c>Portal:PublicUrl</c> is not set (then the code alone is sent).</summary>
    public Uri? SignInLink(string linkToken) => PortalUrl($"{VerifyPath}?{LinkParameter}={Uri.EscapeDataString(linkToken)}");

    public MimeMessage Code(string address, string code, string linkToken, DateTimeOffset expiresAt)
    {
        var link = SignInLink(linkToken);
        var until = SubjectTexts.TimeOfDay(clock, expiresAt);
        return Compose(
            address,
            SubjectTexts.CodeMailSubject(code, Organisation),
            SubjectTexts.CodeMailText(code, link, until, Organisation),
            SubjectTexts.CodeMailHtml(code, link, until, Organisation));
    }

    public MimeMessage Receipt(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var due = SubjectTexts.LongDate(request.DueDate);
        var received = SubjectTexts.LongDate(clock.DateOf(request.ReceivedAt));
        return Compose(
            request.SubjectId,
            SubjectTexts.ReceiptMailSubject(Organisation),
            SubjectTexts.ReceiptMailText(id, received, due, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ReceiptMailHtml(id, received, due, PortalUrl(RequestsPath), Organisation),
            id);
    }

    public MimeMessage Ready(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var until = request.ExpiresAt is { } expires ? SubjectTexts.LongDate(clock.DateOf(expires)) : null;
        return Compose(
            request.SubjectId,
            SubjectTexts.ReadyMailSubject(Organisation),
            SubjectTexts.ReadyMailText(id, until, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ReadyMailHtml(id, until, PortalUrl(RequestsPath), Organisation),
            id);
    }

    public MimeMessage Closed(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        return Compose(
            request.SubjectId,
            SubjectTexts.ClosedMailSubject(Organisation),
            SubjectTexts.ClosedMailText(id, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ClosedMailHtml(id, PortalUrl(RequestsPath), Organisation),
            id);
    }

    private static MimeMessage Compose(string address, string subject, string text, string html, string? requestId = null)
    {
        var message = new MimeMessage
        {
            Subject = subject,
            Body = new BodyBuilder { TextBody = text, HtmlBody = SubjectTexts.MailPage(subject, html) }.ToMessageBody(),
        };
        message.To.Add(MailboxAddress.Parse(address));
        if (requestId is not null)
        {
            message.Headers.Add("X-DataRequest-Id", requestId);
        }

        return message;
    }

    private Uri? PortalUrl(string path) => portalOptions.Value.Link(path);

}
