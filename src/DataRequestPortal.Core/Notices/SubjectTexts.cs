using System.Globalization;
using System.Net;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Localization;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// Every word a data subject reads — the self-service pages, their messages, the emails and the report's fixed text —
/// named in one place and looked up in <see cref="SubjectResources"/> in the current UI culture, so a translation is
/// one more <c>.resx</c> file and nothing else. Staff-facing text stays with the dashboard.
/// </summary>
public static class SubjectTexts
{
    private static IStringLocalizer Localizer => SubjectResources.Localizer;

    /// <summary>The text of <paramref name="key"/> in the current UI culture.</summary>
    public static string Text(string key) => Localizer[key];

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, numbers and dates in the current culture.</summary>
    public static string Format(string key, params object[] arguments) => Localizer[key, arguments];

    /// <summary>The language the current texts are in, for <c>lang</c> attributes.</summary>
    public static string Language => SubjectLanguages.Normalize(CultureInfo.CurrentUICulture.Name) ?? SubjectLanguages.Shipped[0];

    // ---- Dates and times -------------------------------------------------------------------------------------------

    public static string LongDate(DateOnly date) => date.ToString(Text("FormatLongDate"), CultureInfo.CurrentCulture);

    public static string TimeOfDay(ComplianceClock clock, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, clock.Zone);
        var zone = clock.Zone == TimeZoneInfo.Utc ? "UTC" : clock.Zone.IsDaylightSavingTime(local) ? clock.Zone.DaylightName : clock.Zone.StandardName;
        return $"{local.ToString("HH:mm", CultureInfo.CurrentCulture)} ({zone})";
    }

    public static string DateAndTime(ComplianceClock clock, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, clock.Zone).ToString(Text("FormatDateAndTime"), CultureInfo.CurrentCulture);

    /// <summary>The due date in plain words: "by Thursday 24 December 2026, in 30 days".</summary>
    public static string DueDate(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        var when = days switch
        {
            0 => Text("Today"),
            1 => Text("Tomorrow"),
            > 1 => Format("InDays", days),
            -1 => Text("Yesterday"),
            _ => Format("DaysAgo", -days),
        };
        return Format("DueDateWhen", LongDate(due), when);
    }

    /// <summary>The regime's time to answer, with its preposition: "within one month", "within 45 days".</summary>
    /// <summary>The law's short name as the subject's language writes it (the GDPR is the AVG in Dutch, the DSGVO in German, the RGPD in French).</summary>
    public static string LawName(Regime regime) => Text(regime == Regime.Ccpa ? "LawCcpa" : "LawGdpr");

    public static string Period(Regime regime) =>
        regime == Regime.Ccpa ? Format("PeriodDays", DueDates.CcpaPeriodDays) : Text("PeriodMonth");

    /// <summary>How far the regime's one extension may reach: "by up to two further months".</summary>
    public static string Extension(Regime regime) =>
        regime == Regime.Ccpa ? Format("ExtensionDays", DueDates.CcpaMaxExtensionDays) : Text("ExtensionMonths");

    // ---- The start page --------------------------------------------------------------------------------------------

    public static string StartTitle => Text(nameof(StartTitle));

    public static string StartLead => Text(nameof(StartLead));

    public static string StartHowTitle => Text(nameof(StartHowTitle));

    public static IReadOnlyList<string> StartSteps => [Text("StartStep1"), Text("StartStep2"), Text("StartStep3"), Text("StartStep4")];

    public static string StartDeadline(string organisation, Regime regime = Regime.Gdpr) =>
        Format(nameof(StartDeadline), organisation, Period(regime), Extension(regime));

    public static string StartViewTitle => Text(nameof(StartViewTitle));

    public static string StartViewLead => Text(nameof(StartViewLead));

    public static string EmailLabel => Text(nameof(EmailLabel));

    public static string EmailHint => Text(nameof(EmailHint));

    public static string SendCodeButton => Text(nameof(SendCodeButton));

    public static string SendViewCodeButton => Text(nameof(SendViewCodeButton));

    public static string ViewModeLead => Text(nameof(ViewModeLead));

    public static string FileModeLink => Text(nameof(FileModeLink));

    public static string ViewModeLink => Text(nameof(ViewModeLink));

    public static string EnterEmail => Text(nameof(EnterEmail));

    public static string TooManyForAddress(TimeSpan wait) => Format(nameof(TooManyForAddress), Minutes(wait));

    public static string TooManyFromClient(TimeSpan wait) => Format(nameof(TooManyFromClient), Minutes(wait));

    public static string MailFailed => Text(nameof(MailFailed));

    public static string SignedOut => Text(nameof(SignedOut));

    public static string SessionEnded => Text(nameof(SessionEnded));

    public static string LanguageLabel => Text(nameof(LanguageLabel));

    // ---- The code page ---------------------------------------------------------------------------------------------

    public static string VerifyTitle => Text(nameof(VerifyTitle));

    public static string VerifyLead(string address, int minutes) => Format(nameof(VerifyLead), address, minutes);

    public static string VerifyLinkHint => Text(nameof(VerifyLinkHint));

    public static string CodeLabel => Text(nameof(CodeLabel));

    public static string VerifyButton => Text(nameof(VerifyButton));

    public static string NoMailTitle => Text(nameof(NoMailTitle));

    public static string NoMailHint => Text(nameof(NoMailHint));

    public static string NewCodeLink => Text(nameof(NewCodeLink));

    public static string OtherAddressLink => Text(nameof(OtherAddressLink));

    public static string CodeMalformed => Text(nameof(CodeMalformed));

    public static string WrongCode(int attemptsLeft) => attemptsLeft == 1 ? Text("WrongCodeLastTry") : Format(nameof(WrongCode), attemptsLeft);

    public static string TooManyAttempts => Text(nameof(TooManyAttempts));

    public static string Expired => Text(nameof(Expired));

    public static string AlreadyUsed => Text(nameof(AlreadyUsed));

    public static string NoCodeRequested => Text(nameof(NoCodeRequested));

    public static string OtherBrowser => Text(nameof(OtherBrowser));

    public static string UnknownLink => Text(nameof(UnknownLink));

    public static string StaffSignInLink => Text(nameof(StaffSignInLink));

    public static string StaffAddress => Text(nameof(StaffAddress));

    // ---- My requests -----------------------------------------------------------------------------------------------

    public static string RequestsTitle => Text(nameof(RequestsTitle));

    public static string SignedInAs(string address) => Format(nameof(SignedInAs), address);

    public static string SignOut => Text(nameof(SignOut));

    public static string Filed(long id) => Format(nameof(Filed), Id(id));

    public static string AlreadyActive(long id) => Format(nameof(AlreadyActive), Id(id));

    public static string NoRequests => Text(nameof(NoRequests));

    public static string AskAgainLead => Text(nameof(AskAgainLead));

    public static string AskButton => Text(nameof(AskButton));

    public static string AskConfirm => Text(nameof(AskConfirm));

    public static string AskConfirmButton => Text(nameof(AskConfirmButton));

    public static string AskCancelButton => Text(nameof(AskCancelButton));

    public static string NotYours => Text(nameof(NotYours));

    public static string RequestHeading(long id) => Format(nameof(RequestHeading), Id(id));

    public static string Received(string when) => Format(nameof(Received), when);

    public static string DueBy(string due) => Format(nameof(DueBy), due);

    public static string DueExtended(string due) => Format(nameof(DueExtended), due);

    /// <summary>The deadline in the regime's words: "We must answer within one month of receiving it: by …".</summary>
    public static string DueWithin(Regime regime, string due) => Format(nameof(DueWithin), Period(regime), due);

    public static string QuestionTitle => Text(nameof(QuestionTitle));

    public static string AnswerLabel => Text(nameof(AnswerLabel));

    public static string AnswerHint => Text(nameof(AnswerHint));

    public static string AnswerButton => Text(nameof(AnswerButton));

    public static string AnswerRequired => Text(nameof(AnswerRequired));

    public static string AnswerSent => Text(nameof(AnswerSent));

    public static string AnswerTooLate => Text(nameof(AnswerTooLate));

    /// <summary>How the deadline stands while we wait for the subject: still, or running (the regime decides).</summary>
    public static string WhileWaiting(bool clockStopped, int daysLeft, string due) => clockStopped
        ? Format("WhileWaitingStopped", Days(daysLeft))
        : Format("WhileWaitingRunning", due);

    public static string AnswerBy(string date) => Format(nameof(AnswerBy), date);

    public static string CancelledTitle => Text(nameof(CancelledTitle));

    private static string Days(int days) => days == 1 ? Text("OneDay") : Format("ManyDays", Math.Max(0, days));

    public static string ProgressLabel => Text(nameof(ProgressLabel));

    public static string Progress(int done, int total) => Format(nameof(Progress), done, total);

    /// <summary>The plain answer when no source holds anything about the subject, in the words of how they were identified.</summary>
    public static string NoDataHeld(SubjectType type) => type switch
    {
        SubjectType.Profile => Text("NoDataHeldProfile"),
        SubjectType.Subprofile => Text("NoDataHeldSubprofile"),
        _ => Text("NoDataHeldAddress"),
    };

    public static string NoDataHeldDetail => Text(nameof(NoDataHeldDetail));

    public static string NoDataHeldState => Text(nameof(NoDataHeldState));

    /// <summary>The state as the subject reads it; a completed request that found nothing says so instead of "ready to download".</summary>
    public static string State(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.State == RequestState.Completed && request.FoundNothing ? NoDataHeldState : State(request.State);
    }

    public static string DownloadPdf => Text(nameof(DownloadPdf));

    public static string DownloadJson => Text(nameof(DownloadJson));

    public static string AvailableUntil(string date) => Format(nameof(AvailableUntil), date);

    public static string Fingerprint(string sha256) => Format(nameof(Fingerprint), sha256);

    public static string DownloadGone => Text(nameof(DownloadGone));

    public static string DeniedTitle => Text(nameof(DeniedTitle));

    public static string ComplaintTitle => Text(nameof(ComplaintTitle));

    public static string ComplaintAt(string authority) => Format(nameof(ComplaintAt), authority);

    public static string TimelineTitle => Text(nameof(TimelineTitle));

    public static string LiveHint => Text(nameof(LiveHint));

    public static string PageError => Text(nameof(PageError));

    public static string Reload => Text(nameof(Reload));

    public static string Dismiss => Text(nameof(Dismiss));

    public static string SkipToContent => Text(nameof(SkipToContent));

    public static string State(RequestState state) => state switch
    {
        RequestState.Unverified or RequestState.Queued or RequestState.Collecting or RequestState.Completed or RequestState.Failed
            or RequestState.Cancelled or RequestState.Denied or RequestState.Expired or RequestState.AwaitingSubject
            or RequestState.InReview => Text("State" + state),
        _ => state.ToString(),
    };

    /// <summary>Whether the subject's page lists an entry: a reviewer's single decisions are internal; the release is listed.</summary>
    public static bool IsShownToSubject(TimelineEntry entry) =>
        entry?.Event is not (TimelineEvent.Reviewed or TimelineEvent.ReleaseRequested);

    /// <summary>
    /// A timeline line for the subject: what happened and by whom, without staff names or internal error details.
    /// <paramref name="foundNothing"/>: the request found no data, so its completion is not "your data is ready".
    /// </summary>
    public static string TimelineLine(TimelineEntry entry, bool foundNothing = false)
    {
        ArgumentNullException.ThrowIfNull(entry);
        // "…by you", "…by our privacy team", or nothing when the portal did it: one text per actor, so each language words it whole.
        var by = entry.ActorKind switch
        {
            ActorKind.Subject => "BySubject",
            ActorKind.Staff => "ByStaff",
            _ => "",
        };
        return entry.Event switch
        {
            TimelineEvent.Filed => Text("TimelineFiled" + by),
            TimelineEvent.DueDateExtended => Text("TimelineExtended" + by),
            _ when entry.ToState == RequestState.AwaitingSubject => Text("TimelineAsked" + (entry.ActorKind == ActorKind.Staff ? "" : by)),
            _ when entry.FromState == RequestState.AwaitingSubject && entry.ToState == RequestState.Queued =>
                entry.ActorKind == ActorKind.Subject ? Text("TimelineAnswered") : Text("TimelineAnswerRecorded"),
            TimelineEvent.CollectionResumed => Text("TimelineResumed"),
            TimelineEvent.ManualTaskCreated => Text("TimelineManualTask"),
            TimelineEvent.ManualTaskUploaded or TimelineEvent.ManualTaskAttested => Text("TimelineManualDone"),
            _ => entry.ToState switch
            {
                RequestState.Queued when entry.FromState == RequestState.Unverified => Text("TimelineConfirmed"),
                RequestState.Queued => Text("TimelineQueued" + by),
                RequestState.Collecting => Text("TimelineCollecting"),
                RequestState.InReview => Text("TimelineInReview"),
                RequestState.Completed => foundNothing ? Text("TimelineCompletedNothing") : Text("TimelineCompleted"),
                RequestState.Failed => Text("TimelineFailed"),
                RequestState.Cancelled => Text("TimelineCancelled" + by),
                RequestState.Denied => Text("TimelineDenied" + by),
                RequestState.Expired => Text("TimelineExpired"),
                _ => State(entry.ToState),
            },
        };
    }

    /// <summary>
    /// Only the texts the subject is owed are shown (a refusal, a cancellation, an extension, our question and their answer);
    /// other reasons may hold internal notes.
    /// </summary>
    public static string? TimelineReason(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var owed = entry.Event == TimelineEvent.DueDateExtended
            || (entry.Event == TimelineEvent.StateChanged && entry.ToState is RequestState.Denied or RequestState.AwaitingSubject)
            || (entry.Event == TimelineEvent.StateChanged && entry.ToState == RequestState.Cancelled)
            || (entry.Event == TimelineEvent.StateChanged && entry.FromState == RequestState.AwaitingSubject && entry.ToState == RequestState.Queued);
        return owed ? entry.Reason : null;
    }

    /// <summary>The complaint paragraph as configured; the built-in one in the subject's language when none is.</summary>
    public static string ComplaintParagraph(SupervisoryAuthorityOptions authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return string.IsNullOrWhiteSpace(authority.Text) || authority.Text.Trim() == SupervisoryAuthorityOptions.DefaultText
            ? Text("ComplaintDefault")
            : authority.Text.Trim();
    }

    /// <summary>Where to complain, as configured: the paragraph, and the authority's name when given.</summary>
    public static string Complaint(SupervisoryAuthorityOptions authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var text = ComplaintParagraph(authority);
        return string.IsNullOrWhiteSpace(authority.Name) ? text : $"{text} {ComplaintAt(authority.Name)}";
    }

    /// <summary>The authority's address when it is a web address one may open; null otherwise.</summary>
    public static string? ComplaintUrl(SupervisoryAuthorityOptions authority) =>
        Uri.TryCreate(authority?.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url.AbsoluteUri : null;

    // ---- Emails ----------------------------------------------------------------------------------------------------

    public static string CodeMailSubject(string code, string organisation) => Format(nameof(CodeMailSubject), code, organisation);

    public static string CodeMailText(string code, Uri? link, string until, string organisation) =>
        $"""
        {Text("CodeMailIntro")} {code}

        {Format("CodeMailEnter", until)}
        {(link is null ? "" : $"\n{Text("CodeMailLinkText")}\n{link.AbsoluteUri}\n")}
        {Text("CodeMailIgnore")}

        {organisation}
        """;

    public static string CodeMailHtml(string code, Uri? link, string until, string organisation) =>
        $"""
        <p>{Html(Text("CodeMailIntro"))}</p>
        <p style="font-size:28px;font-weight:bold;letter-spacing:6px;margin:8px 0 16px">{code}</p>
        <p>{HtmlFormat("CodeMailEnter", Html(until))}</p>
        {(link is null ? "" : $"<p>{Html(Text("CodeMailLinkText"))} <a href=\"{Html(link.AbsoluteUri)}\">{Html(Text("CodeMailLinkLabel"))}</a></p>")}
        <p style="color:#555">{Html(Text("CodeMailIgnore"))}</p>
        <p>{Html(organisation)}</p>
        """;

    public static string ReceiptMailSubject(string organisation) => Format(nameof(ReceiptMailSubject), organisation);

    public static string ReceiptMailText(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        {Format("ReceiptMailReceived", received, id)}

        {Format("ReceiptMailDue", Period(regime), due)}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ReceiptMailHtml(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        <p>{HtmlFormat("ReceiptMailReceived", Html(received), Strong(id))}</p>
        <p>{HtmlFormat("ReceiptMailDue", Html(Period(regime)), Strong(due))}</p>
        {PortalParagraph(portal, Text("FollowLink"))}
        <p>{Html(organisation)}</p>
        """;

    public static string FiledForYouMailSubject(string organisation) => Format(nameof(FiledForYouMailSubject), organisation);

    public static string FiledForYouMailText(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        {Format("FiledForYouMailFiled", received, id)}

        {Format("FiledForYouMailDue", Period(regime), due)}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string FiledForYouMailHtml(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        <p>{HtmlFormat("FiledForYouMailFiled", Html(received), Strong(id))}</p>
        <p>{HtmlFormat("FiledForYouMailDue", Html(Period(regime)), Strong(due))}</p>
        {PortalParagraph(portal, Text("FollowLink"))}
        <p>{Html(organisation)}</p>
        """;

    public static string ReadyMailSubject(string organisation) => Format(nameof(ReadyMailSubject), organisation);

    public static string ReadyMailText(string id, string? until, Uri? portal, string organisation) =>
        $"""
        {(until is null ? Format("ReadyMailComplete", id) : Format("ReadyMailCompleteUntil", id, until))}
        {PortalLine(portal)}
        {Text("ReadyMailPrivacy")}

        {organisation}
        """;

    public static string ReadyMailHtml(string id, string? until, Uri? portal, string organisation) =>
        $"""
        <p>{(until is null ? HtmlFormat("ReadyMailComplete", Strong(id)) : HtmlFormat("ReadyMailCompleteUntil", Strong(id), Html(until)))}</p>
        {PortalParagraph(portal, Text("DownloadLink"))}
        <p style="color:#555">{Html(Text("ReadyMailPrivacy"))}</p>
        <p>{Html(organisation)}</p>
        """;

    public static string NoDataMailSubject(string organisation) => Format(nameof(NoDataMailSubject), organisation);

    public static string NoDataMailText(string id, SubjectType type, string? until, Uri? portal, string organisation) =>
        $"""
        {Format("NoDataMailComplete", id)} {NoDataHeld(type)} {Text("NoDataMailSearched")}

        {(until is null ? Text("NoDataMailSignIn") : Format("NoDataMailSignInUntil", until))}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string NoDataMailHtml(string id, SubjectType type, string? until, Uri? portal, string organisation) =>
        $"""
        <p>{HtmlFormat("NoDataMailComplete", Strong(id))} <strong>{Html(NoDataHeld(type))}</strong> {Html(Text("NoDataMailSearched"))}</p>
        <p>{(until is null ? Html(Text("NoDataMailSignIn")) : HtmlFormat("NoDataMailSignInUntil", Html(until)))}</p>
        {PortalParagraph(portal, Text("SeeAnswerLink"))}
        <p>{Html(organisation)}</p>
        """;

    public static string ClosedMailSubject(string organisation) => Format(nameof(ClosedMailSubject), organisation);

    public static string ClosedMailText(string id, string? reason, string complaint, string? complaintUrl, Uri? portal, string organisation) =>
        $"""
        {Format("ClosedMailClosed", id)}
        {(reason is null ? "" : $"\n{Format("OurReason", reason)}\n")}
        {ComplaintTitle}: {complaint}{(complaintUrl is null ? "" : $" {complaintUrl}")}

        {Text("ClosedMailSignIn")}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ClosedMailHtml(string id, string? reason, string complaint, string? complaintUrl, Uri? portal, string organisation) =>
        $"""
        <p>{HtmlFormat("ClosedMailClosed", Strong(id))}</p>
        {(reason is null ? "" : $"<p>{HtmlFormat("OurReason", Html(reason))}</p>")}
        <p><strong>{Html(ComplaintTitle)}:</strong> {Html(complaint)}{(complaintUrl is null ? "" : $" <a href=\"{Html(complaintUrl)}\">{Html(complaintUrl)}</a>")}</p>
        {PortalParagraph(portal, Text("SeeRequestLink"))}
        <p>{Html(organisation)}</p>
        """;

    public static string ExtendedMailSubject(string organisation) => Format(nameof(ExtendedMailSubject), organisation);

    public static string ExtendedMailText(string id, string due, string reason, Regime regime, Uri? portal, string organisation) =>
        $"""
        {Format("ExtendedMailIntro", id, Extension(regime))}

        {Format("ExtendedMailDue", due)}

        {Format("OurReason", reason)}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ExtendedMailHtml(string id, string due, string reason, Regime regime, Uri? portal, string organisation) =>
        $"""
        <p>{HtmlFormat("ExtendedMailIntro", Strong(id), Html(Extension(regime)))}</p>
        <p>{HtmlFormat("ExtendedMailDue", Strong(due))}</p>
        <p>{HtmlFormat("OurReason", Html(reason))}</p>
        {PortalParagraph(portal, Text("FollowLink"))}
        <p>{Html(organisation)}</p>
        """;

    public static string QuestionMailSubject(string organisation) => Format(nameof(QuestionMailSubject), organisation);

    public static string QuestionMailText(string id, string message, string clock, string answerBy, Uri? portal, string organisation) =>
        $"""
        {Format("QuestionMailIntro", id)}

        {message}

        {Text("QuestionMailAnswer")}
        {PortalLine(portal)}
        {clock} {answerBy}

        {organisation}
        """;

    public static string QuestionMailHtml(string id, string message, string clock, string answerBy, Uri? portal, string organisation) =>
        $"""
        <p>{HtmlFormat("QuestionMailIntro", Strong(id))}</p>
        <blockquote style="border-left:3px solid #999;margin:8px 0;padding:4px 12px;white-space:pre-wrap">{Html(message)}</blockquote>
        <p>{Html(Text("QuestionMailAnswer"))}</p>
        {PortalParagraph(portal, Text("AnswerLink"))}
        <p>{Html(clock)} {Html(answerBy)}</p>
        <p>{Html(organisation)}</p>
        """;

    /// <summary>Wraps a mail's HTML in a minimal, readable page, in the language of its texts.</summary>
    public static string MailPage(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="{Language}"><head><meta charset="utf-8"><title>{Html(title)}</title></head>
        <body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:560px;margin:0 auto;padding:16px">
        {body}
        </body></html>
        """;

    private static string PortalLine(Uri? portal) => portal is null ? "" : $"\n{portal.AbsoluteUri}\n";

    private static string PortalParagraph(Uri? portal, string label) =>
        portal is null ? "" : $"<p><a href=\"{Html(portal.AbsoluteUri)}\">{Html(label)}</a></p>";

    private static string Minutes(TimeSpan wait)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes));
        return minutes == 1 ? Text("OneMinute") : Format("ManyMinutes", minutes);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Strong(string text) => $"<strong>{Html(text)}</strong>";

    /// <summary>A text as HTML with its placeholders filled by <paramref name="html"/>, which is HTML already.</summary>
    private static string HtmlFormat(string key, params object[] html) => string.Format(CultureInfo.CurrentCulture, Html(Text(key)), html);

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
