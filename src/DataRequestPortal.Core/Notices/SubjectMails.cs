using System.Globalization;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// The emails a data subject receives, each in HTML and plain text and signed with the organisation's name: the
/// sign-in code and link, the receipt with the due date (or the notice that staff filed a request for them), and short
/// notices (result ready, or that we hold nothing; request closed, deadline extended, a question from staff) that carry
/// none of the subject's data: only what staff wrote to them and a link to the portal.
/// </summary>
public sealed class SubjectMails(
    IOptions<OrganisationOptions> organisationOptions,
    IOptions<PortalOptions> portalOptions,
    ComplianceClock clock,
    IOptions<RequestOptions>? requestOptions = null)
{
    public const string StartPath = "my-data";

    public const string VerifyPath = "my-data/verify";

    public const string RequestsPath = "my-data/requests";

    public const string LinkParameter = "link";

    // Read inside a mail's language scope: the organisation's name in that language where one is configured.
    private string Organisation => organisationOptions.Value.In(SubjectTexts.Language).Name;

    /// <summary>The sign-in link for a link token, or null when <c>Portal:PublicUrl</c> is not set (then the code alone is sent).</summary>
    public Uri? SignInLink(string linkToken) => PortalUrl($"{VerifyPath}?{LinkParameter}={Uri.EscapeDataString(linkToken)}");

    /// <summary>The sign-in code, in <paramref name="language"/>: the one the subject reads the page in as they ask.</summary>
    public MimeMessage Code(string address, string code, string linkToken, DateTimeOffset expiresAt, string? language = null)
    {
        using var writtenIn = WrittenIn(language);
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
        using var writtenIn = WrittenIn(request.Language);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var due = SubjectTexts.LongDate(request.DueDate);
        var received = SubjectTexts.LongDate(clock.DateOf(request.ReceivedAt));
        var portal = PortalUrl(RequestsPath);
        if (request.SelfServiceDelivery)
        {
            // Staff filed it for them to follow on the page; the subject did not file it there themselves.
            return Compose(
                request.SubjectId,
                SubjectTexts.FiledForYouMailSubject(Organisation),
                SubjectTexts.FiledForYouMailText(id, received, due, portal, Organisation, request.Regime),
                SubjectTexts.FiledForYouMailHtml(id, received, due, portal, Organisation, request.Regime),
                id);
        }

        return Compose(
            request.SubjectId,
            SubjectTexts.ReceiptMailSubject(Organisation),
            SubjectTexts.ReceiptMailText(id, received, due, portal, Organisation, request.Regime),
            SubjectTexts.ReceiptMailHtml(id, received, due, portal, Organisation, request.Regime),
            id);
    }

    public MimeMessage Ready(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var writtenIn = WrittenIn(request.Language);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var until = request.ExpiresAt is { } expires ? SubjectTexts.LongDate(clock.DateOf(expires)) : null;
        if (request.FoundNothing)
        {
            return Compose(
                request.SubjectId,
                SubjectTexts.NoDataMailSubject(Organisation),
                SubjectTexts.NoDataMailText(id, request.SubjectType, until, PortalUrl(RequestsPath), Organisation),
                SubjectTexts.NoDataMailHtml(id, request.SubjectType, until, PortalUrl(RequestsPath), Organisation),
                id);
        }

        return Compose(
            request.SubjectId,
            SubjectTexts.ReadyMailSubject(Organisation),
            SubjectTexts.ReadyMailText(id, until, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ReadyMailHtml(id, until, PortalUrl(RequestsPath), Organisation),
            id);
    }

    /// <summary>The request was denied or cancelled: the reason staff (or the portal) gave, and where the subject may complain.</summary>
    public MimeMessage Closed(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var writtenIn = WrittenIn(request.Language);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var reason = request.State == RequestState.Denied ? request.DenialReason : request.CancellationReason;
        var authority = organisationOptions.Value.In(SubjectTexts.Language).SupervisoryAuthority;
        var complaint = SubjectTexts.Complaint(authority);
        var url = SubjectTexts.ComplaintUrl(authority);
        return Compose(
            request.SubjectId,
            SubjectTexts.ClosedMailSubject(Organisation),
            SubjectTexts.ClosedMailText(id, reason, complaint, url, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ClosedMailHtml(id, reason, complaint, url, PortalUrl(RequestsPath), Organisation),
            id);
    }

    /// <summary>The notice Art. 12(3) requires within the first period: the new due date, and why.</summary>
    public MimeMessage Extended(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var writtenIn = WrittenIn(request.Language);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var due = SubjectTexts.LongDate(request.ExtendedDueDate ?? request.DueDate);
        var reason = request.ExtensionReason ?? "";
        return Compose(
            request.SubjectId,
            SubjectTexts.ExtendedMailSubject(Organisation),
            SubjectTexts.ExtendedMailText(id, due, reason, request.Regime, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.ExtendedMailHtml(id, due, reason, request.Regime, PortalUrl(RequestsPath), Organisation),
            id);
    }

    /// <summary>Staff's question, how the deadline stands while we wait, and by when the answer must come before the request closes.</summary>
    public MimeMessage Question(DataRequest request, RequestPause pause)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var writtenIn = WrittenIn(request.Language);
        ArgumentNullException.ThrowIfNull(pause);
        var id = request.Id.ToString(CultureInfo.InvariantCulture);
        var askedOn = clock.DateOf(pause.AskedAt);
        var daysLeft = request.DueDate.DayNumber - askedOn.DayNumber;
        var waiting = SubjectTexts.WhileWaiting(pause.ClockStopped, daysLeft, SubjectTexts.LongDate(request.DueDate));
        var answerBy = SubjectTexts.AnswerBy(SubjectTexts.LongDate(AnswerDeadline(pause)));
        return Compose(
            request.SubjectId,
            SubjectTexts.QuestionMailSubject(Organisation),
            SubjectTexts.QuestionMailText(id, pause.Message, waiting, answerBy, PortalUrl(RequestsPath), Organisation),
            SubjectTexts.QuestionMailHtml(id, pause.Message, waiting, answerBy, PortalUrl(RequestsPath), Organisation),
            id);
    }

    /// <summary>The last day an answer keeps the request open (<c>Requests:AwaitingSubjectDays</c> after asking).</summary>
    public DateOnly AnswerDeadline(RequestPause pause)
    {
        ArgumentNullException.ThrowIfNull(pause);
        var days = requestOptions?.Value.AwaitingSubjectDays ?? new RequestOptions().AwaitingSubjectDays;
        return clock.DateOf(pause.AskedAt.AddDays(days));
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

    /// <summary>Texts, dates and numbers in the request's stored language (the default when it has none) until disposed.</summary>
    private IDisposable WrittenIn(string? language) => SubjectLanguages.Use(SubjectLanguages.CultureFor(language, organisationOptions.Value));

}
