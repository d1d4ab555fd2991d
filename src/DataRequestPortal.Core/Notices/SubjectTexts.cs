using System.Globalization;
using System.Net;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// Every word a data subject reads — the self-service pages, their messages and the emails — in one place, so a
/// translation replaces this file and nothing else. Staff-facing text stays with the dashboard.
/// </summary>
public static class SubjectTexts
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-GB");

    // ---- Dates and times -------------------------------------------------------------------------------------------

    public static string LongDate(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    public static string TimeOfDay(ComplianceClock clock, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, clock.Zone);
        var zone = clock.Zone == TimeZoneInfo.Utc ? "UTC" : clock.Zone.IsDaylightSavingTime(local) ? clock.Zone.DaylightName : clock.Zone.StandardName;
        return $"{local.ToString("HH:mm", Culture)} ({zone})";
    }

    public static string DateAndTime(ComplianceClock clock, DateTimeOffset instant) =>
        $"{TimeZoneInfo.ConvertTime(instant, clock.Zone).ToString("d MMMM yyyy, HH:mm", Culture)}";

    /// <summary>The due date in plain words: "by Thursday 24 December 2026, in 30 days".</summary>
    public static string DueDate(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        var when = days switch
        {
            0 => "today",
            1 => "tomorrow",
            > 1 => $"in {days} days",
            -1 => "yesterday",
            _ => $"{-days} days ago",
        };
        return $"{LongDate(due)} ({when})";
    }

    // ---- The start page --------------------------------------------------------------------------------------------

    public const string StartTitle = "Your personal data";

    public const string StartLead =
        "You have the right to know which personal data we hold about you, and to receive a copy of it. " +
        "This is called the right of access (Article 15 of the General Data Protection Regulation).";

    public const string StartHowTitle = "How it works";

    public static IReadOnlyList<string> StartSteps { get; } =
    [
        "Enter your email address. We email you a 6-digit code and a sign-in link, to make sure the address is yours.",
        "Enter the code here, or open the link in this browser. Your request is then filed.",
        "We collect everything we hold about that address. You can follow the progress on this site.",
        "When it is ready, we email you. You sign in again and download your data as a readable PDF or as a JSON file.",
    ];

    public static string StartDeadline(string organisation, Regime regime = Regime.Gdpr) =>
        $"{organisation} must answer within {DueDates.PeriodInWords(regime)}. In rare cases we may extend this by up to {DueDates.ExtensionInWords(regime)}; we will tell you why.";

    public const string StartViewTitle = "Already asked?";

    public const string StartViewLead = "Sign in with the same email address to follow your request or download your data.";

    public const string EmailLabel = "Your email address";

    public const string EmailHint = "The code goes to this address. Your request covers exactly this address.";

    public const string SendCodeButton = "Email me a code";

    public const string SendViewCodeButton = "Email me a code to sign in";

    public const string ViewModeLead = "Sign in to see your requests: we email you a code to make sure the address is yours.";

    public const string FileModeLink = "Ask for a copy of your data";

    public const string ViewModeLink = "Sign in to see your requests";

    public const string EnterEmail = "Enter your email address.";

    public static string TooManyForAddress(TimeSpan wait) =>
        $"We have already sent several codes to this address in the last hour. Please use the newest email, or try again in {Minutes(wait)}.";

    public static string TooManyFromClient(TimeSpan wait) =>
        $"Too many codes have been asked for from your network in the last hour. Please try again in {Minutes(wait)}.";

    public const string MailFailed = "We could not send the email just now. Nothing was lost; please try again in a few minutes.";

    public const string SignedOut = "You have signed out.";

    public const string SessionEnded = "Please sign in again to see your requests.";

    // ---- The code page ---------------------------------------------------------------------------------------------

    public const string VerifyTitle = "Check your email";

    public static string VerifyLead(string address, int minutes) =>
        $"If {address} is your address, an email with a 6-digit code is on its way to it. The code works for {minutes} minutes, once.";

    public const string VerifyLinkHint = "You can also open the sign-in link in the same email — in this browser.";

    public const string CodeLabel = "6-digit code";

    public const string VerifyButton = "Continue";

    public const string NoMailTitle = "No email?";

    public const string NoMailHint = "Check your spam folder and that the address is spelled right. It can take a minute or two.";

    public const string NewCodeLink = "Ask for a new code";

    public const string OtherAddressLink = "Use another address";

    public const string CodeMalformed = "The code is the 6 digits in the email, for example 123456.";

    public static string WrongCode(int attemptsLeft) => attemptsLeft == 1
        ? "That code is not right. You have 1 more try; after that, ask for a new code."
        : $"That code is not right. You have {attemptsLeft} more tries.";

    public const string TooManyAttempts =
        "That code was entered wrongly too many times, so it no longer works. For your safety, ask for a new code.";

    public const string Expired = "This code or link has expired: they work for a limited time. Please ask for a new code.";

    public const string AlreadyUsed = "This code or link has already been used: each works once. If that was not you, ask for a new code.";

    public const string NoCodeRequested =
        "This browser has not asked for a code yet, or asked too long ago. Enter your email address to get one.";

    public const string OtherBrowser =
        "This sign-in link works only in the browser where you asked for it, so that nobody else can use it. " +
        "Open it there, or type the 6-digit code from the same email there. Or ask for a new code in this browser.";

    public const string UnknownLink = "This sign-in link is not valid. It may have been copied incompletely. Please ask for a new code.";

    public const string StaffSignInLink = "Staff sign-in";

    public const string StaffAddress =
        "This address belongs to a staff account of this portal. Please ask a colleague to file the request for you in the dashboard.";

    // ---- My requests -----------------------------------------------------------------------------------------------

    public const string RequestsTitle = "Your requests";

    public static string SignedInAs(string address) => $"Signed in as {address}";

    public const string SignOut = "Sign out";

    public static string Filed(long id) => $"Your request {id} has been received. We have emailed you a receipt.";

    public static string AlreadyActive(long id) =>
        $"You already have a request in progress ({id}), so we did not start another. Here it is.";

    public const string NoRequests = "You have no requests yet.";

    public const string AskAgainLead = "You can ask for a copy of your data at any time.";

    public const string AskButton = "Ask for a copy of my data";

    public const string AskConfirm = "We will collect everything we hold about your email address and tell you by email when it is ready. Ask for a copy now?";

    public const string AskConfirmButton = "Yes, ask for my data";

    public const string AskCancelButton = "Not now";

    public const string NotYours = "There is no request with this number for your address.";

    public static string RequestHeading(long id) => $"Request {id}";

    public static string Received(string when) => $"Received {when}";

    public static string DueBy(string due) => $"We must answer by {due}.";

    public static string DueExtended(string due) => $"The deadline was extended to {due}.";

    /// <summary>The deadline in the regime's words: "We must answer within one month of receiving it: by …".</summary>
    public static string DueWithin(Regime regime, string due) => $"We must answer within {DueDates.PeriodInWords(regime)} of receiving your request: by {due}.";

    public const string QuestionTitle = "We need something from you";

    public const string AnswerLabel = "Your answer";

    public const string AnswerHint = "Only our privacy team reads this. Do not send passwords.";

    public const string AnswerButton = "Send my answer";

    public const string AnswerRequired = "Write your answer first.";

    public const string AnswerSent = "Thank you: we received your answer and carry on with your request.";

    public const string AnswerTooLate = "This request no longer waits for an answer, so nothing was sent.";

    /// <summary>How the deadline stands while we wait for the subject: still, or running (the regime decides).</summary>
    public static string WhileWaiting(bool clockStopped, int daysLeft, string due) => clockStopped
        ? $"Until you answer, our deadline stands still: {Days(daysLeft)} left when you answer."
        : $"Our deadline keeps running while we wait: we must answer by {due}.";

    public static string AnswerBy(string date) => $"If we have no answer by {date}, we close this request; you can ask again at any time.";

    public const string CancelledTitle = "Why your request was closed";

    private static string Days(int days) => days == 1 ? "1 day" : $"{Math.Max(0, days)} days";

    public const string ProgressLabel = "Progress";

    public static string Progress(int done, int total) => $"{done} of {total} sources searched";

    /// <summary>The plain answer when no source holds anything about the subject, in the words of how they were identified.</summary>
    public static string NoDataHeld(SubjectType type) => type switch
    {
        SubjectType.Profile => "We hold no personal data about this profile.",
        SubjectType.Subprofile => "We hold no personal data about this subprofile.",
        _ => "We hold no personal data about this address.",
    };

    public const string NoDataHeldDetail =
        "We searched every system that could hold personal data about you and found none. " +
        "You can still download our answer: the PDF says where we looked, and the JSON file holds the same, with every category empty.";

    public const string NoDataHeldState = "Complete — no personal data found";

    /// <summary>The state as the subject reads it; a completed request that found nothing says so instead of "ready to download".</summary>
    public static string State(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.State == RequestState.Completed && request.FoundNothing ? NoDataHeldState : State(request.State);
    }

    public const string DownloadPdf = "Download PDF (readable)";

    public const string DownloadJson = "Download JSON (machine-readable)";

    public static string AvailableUntil(string date) => $"Your data can be downloaded until {date}. After that it is deleted.";

    public static string Fingerprint(string sha256) => $"Fingerprint (SHA-256) of the JSON file: {sha256}";

    public const string DownloadGone = "The download period has ended and your data was deleted. You can ask for a new copy.";

    public const string DeniedTitle = "Why your request was refused";

    public const string ComplaintTitle = "If you disagree";

    public static string ComplaintAt(string authority) => $"You can complain to {authority}.";

    public const string TimelineTitle = "What happened";

    public const string LiveHint = "This page updates by itself.";

    public const string PageError = "Something went wrong on this page.";

    public const string Reload = "Reload";

    public const string Dismiss = "Dismiss";

    public const string SkipToContent = "Skip to main content";

    public static string State(RequestState state) => state switch
    {
        RequestState.Unverified => "Waiting for your email address to be confirmed",
        RequestState.Queued => "Received — we will start shortly",
        RequestState.Collecting => "Collecting your data",
        RequestState.Completed => "Ready to download",
        RequestState.Failed => "Delayed — our team is looking into it",
        RequestState.Cancelled => "Cancelled",
        RequestState.Denied => "Refused",
        RequestState.Expired => "Download period ended",
        RequestState.AwaitingSubject => "Waiting for your answer",
        RequestState.InReview => "Collected — we are checking it before we release it",
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
        var by = entry.ActorKind switch
        {
            ActorKind.Subject => " by you",
            ActorKind.Staff => " by our privacy team",
            _ => "",
        };
        return entry.Event switch
        {
            TimelineEvent.Filed => $"Request filed{by}",
            TimelineEvent.DueDateExtended => $"Deadline extended{by}",
            _ when entry.ToState == RequestState.AwaitingSubject => $"We asked you a question{(entry.ActorKind == ActorKind.Staff ? "" : by)}; we wait for your answer",
            _ when entry.FromState == RequestState.AwaitingSubject && entry.ToState == RequestState.Queued =>
                entry.ActorKind == ActorKind.Subject ? "You answered; we carry on" : "Your answer was recorded by our privacy team; we carry on",
            TimelineEvent.CollectionResumed => "Collecting continued after a restart",
            TimelineEvent.ManualTaskCreated => "A colleague was asked to search a system by hand",
            TimelineEvent.ManualTaskUploaded or TimelineEvent.ManualTaskAttested => "A system was searched by hand",
            _ => entry.ToState switch
            {
                RequestState.Queued when entry.FromState == RequestState.Unverified => "Email address confirmed",
                RequestState.Queued => $"Queued again{by}",
                RequestState.Collecting => "Started collecting your data",
                RequestState.InReview => "Your data was collected; we check it before we release it",
                RequestState.Completed => foundNothing ? "We finished searching: we hold no personal data about you" : "Your data is ready",
                RequestState.Failed => "Collecting was interrupted; our team will retry",
                RequestState.Cancelled => $"Cancelled{by}",
                RequestState.Denied => $"Refused{by}",
                RequestState.Expired => "Download period ended; your data was deleted",
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

    /// <summary>Where to complain, as configured: the paragraph, and the authority's name when given.</summary>
    public static string Complaint(SupervisoryAuthorityOptions authority)
    {
        ArgumentNullException.ThrowIfNull(authority);
        return string.IsNullOrWhiteSpace(authority.Name) ? authority.Text : $"{authority.Text} {ComplaintAt(authority.Name)}";
    }

    /// <summary>The authority's address when it is a web address one may open; null otherwise.</summary>
    public static string? ComplaintUrl(SupervisoryAuthorityOptions authority) =>
        Uri.TryCreate(authority?.Url, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url.AbsoluteUri : null;

    // ---- Emails ----------------------------------------------------------------------------------------------------

    public static string CodeMailSubject(string code, string organisation) => $"{code} is your code for {organisation}";

    public static string CodeMailText(string code, Uri? link, string until, string organisation) =>
        $"""
        Your code is: {code}

        Enter it on the page where you asked for it. It works once, until {until}.
        {(link is null ? "" : $"\nOr open this link in the same browser:\n{link.AbsoluteUri}\n")}
        If you did not ask for this code, you can ignore this email: nothing happens without the code.

        {organisation}
        """;

    public static string CodeMailHtml(string code, Uri? link, string until, string organisation) =>
        $"""
        <p>Your code is:</p>
        <p style="font-size:28px;font-weight:bold;letter-spacing:6px;margin:8px 0 16px">{code}</p>
        <p>Enter it on the page where you asked for it. It works once, until {Html(until)}.</p>
        {(link is null ? "" : $"<p>Or <a href=\"{Html(link.AbsoluteUri)}\">sign in with this link</a> in the same browser.</p>")}
        <p style="color:#555">If you did not ask for this code, you can ignore this email: nothing happens without the code.</p>
        <p>{Html(organisation)}</p>
        """;

    public static string ReceiptMailSubject(string organisation) => $"{organisation} has received your request for your personal data";

    public static string ReceiptMailText(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        We received your request for a copy of your personal data on {received}. Its number is {id}.

        We must answer within {DueDates.PeriodInWords(regime)}: by {due}. We will email you when your data is ready.
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ReceiptMailHtml(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        <p>We received your request for a copy of your personal data on {Html(received)}. Its number is <strong>{id}</strong>.</p>
        <p>We must answer within {DueDates.PeriodInWords(regime)}: by <strong>{Html(due)}</strong>. We will email you when your data is ready.</p>
        {PortalParagraph(portal, "Follow your request")}
        <p>{Html(organisation)}</p>
        """;

    public static string FiledForYouMailSubject(string organisation) => $"{organisation} has filed a request for your personal data for you";

    public static string FiledForYouMailText(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        Our privacy team filed a request for a copy of your personal data for you on {received}. Its number is {id}.

        We must answer within {DueDates.PeriodInWords(regime)}: by {due}. Sign in with this email address to follow it and, when it is ready, to download your data. We will email you when it is.
        {PortalLine(portal)}
        {organisation}
        """;

    public static string FiledForYouMailHtml(string id, string received, string due, Uri? portal, string organisation, Regime regime = Regime.Gdpr) =>
        $"""
        <p>Our privacy team filed a request for a copy of your personal data for you on {Html(received)}. Its number is <strong>{id}</strong>.</p>
        <p>We must answer within {DueDates.PeriodInWords(regime)}: by <strong>{Html(due)}</strong>. Sign in with this email address to follow it and, when it is ready, to download your data. We will email you when it is.</p>
        {PortalParagraph(portal, "Follow your request")}
        <p>{Html(organisation)}</p>
        """;

    public static string ReadyMailSubject(string organisation) => $"Your data from {organisation} is ready";

    public static string ReadyMailText(string id, string? until, Uri? portal, string organisation) =>
        $"""
        Your request {id} is complete. Sign in with this email address to download your data{(until is null ? "" : $" until {until}")}.
        {PortalLine(portal)}
        For your privacy, this email contains none of the data itself.

        {organisation}
        """;

    public static string ReadyMailHtml(string id, string? until, Uri? portal, string organisation) =>
        $"""
        <p>Your request <strong>{id}</strong> is complete. Sign in with this email address to download your data{(until is null ? "" : $" until {Html(until)}")}.</p>
        {PortalParagraph(portal, "Download your data")}
        <p style="color:#555">For your privacy, this email contains none of the data itself.</p>
        <p>{Html(organisation)}</p>
        """;

    public static string NoDataMailSubject(string organisation) => $"{organisation} holds no personal data about you";

    public static string NoDataMailText(string id, SubjectType type, string? until, Uri? portal, string organisation) =>
        $"""
        Your request {id} is complete. {NoDataHeld(type)} We searched every system that could hold personal data about you and found none.

        Sign in with this email address to download our answer, with where we looked{(until is null ? "" : $", until {until}")}.
        {PortalLine(portal)}
        {organisation}
        """;

    public static string NoDataMailHtml(string id, SubjectType type, string? until, Uri? portal, string organisation) =>
        $"""
        <p>Your request <strong>{id}</strong> is complete. <strong>{Html(NoDataHeld(type))}</strong> We searched every system that could hold personal data about you and found none.</p>
        <p>Sign in with this email address to download our answer, with where we looked{(until is null ? "" : $", until {Html(until)}")}.</p>
        {PortalParagraph(portal, "See our answer")}
        <p>{Html(organisation)}</p>
        """;

    public static string ClosedMailSubject(string organisation) => $"News about your request to {organisation}";

    public static string ClosedMailText(string id, string? reason, string complaint, string? complaintUrl, Uri? portal, string organisation) =>
        $"""
        Your request {id} was closed without a copy of your data.
        {(reason is null ? "" : $"\nOur reason: {reason}\n")}
        If you disagree: {complaint}{(complaintUrl is null ? "" : $" {complaintUrl}")}

        Sign in with this email address to see your request.
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ClosedMailHtml(string id, string? reason, string complaint, string? complaintUrl, Uri? portal, string organisation) =>
        $"""
        <p>Your request <strong>{id}</strong> was closed without a copy of your data.</p>
        {(reason is null ? "" : $"<p>Our reason: {Html(reason)}</p>")}
        <p><strong>{Html(ComplaintTitle)}:</strong> {Html(complaint)}{(complaintUrl is null ? "" : $" <a href=\"{Html(complaintUrl)}\">{Html(complaintUrl)}</a>")}</p>
        {PortalParagraph(portal, "See your request")}
        <p>{Html(organisation)}</p>
        """;

    public static string ExtendedMailSubject(string organisation) => $"{organisation} needs more time for your request";

    public static string ExtendedMailText(string id, string due, string reason, Regime regime, Uri? portal, string organisation) =>
        $"""
        We need more time to answer your request {id}. The law lets us extend the deadline once, by up to {DueDates.ExtensionInWords(regime)}.

        The new deadline is {due}.

        Our reason: {reason}
        {PortalLine(portal)}
        {organisation}
        """;

    public static string ExtendedMailHtml(string id, string due, string reason, Regime regime, Uri? portal, string organisation) =>
        $"""
        <p>We need more time to answer your request <strong>{id}</strong>. The law lets us extend the deadline once, by up to {DueDates.ExtensionInWords(regime)}.</p>
        <p>The new deadline is <strong>{Html(due)}</strong>.</p>
        <p>Our reason: {Html(reason)}</p>
        {PortalParagraph(portal, "Follow your request")}
        <p>{Html(organisation)}</p>
        """;

    public static string QuestionMailSubject(string organisation) => $"{organisation} needs information from you for your request";

    public static string QuestionMailText(string id, string message, string clock, string answerBy, Uri? portal, string organisation) =>
        $"""
        To handle your request {id}, we need something from you:

        {message}

        Please answer on your requests page: sign in with this email address.
        {PortalLine(portal)}
        {clock} {answerBy}

        {organisation}
        """;

    public static string QuestionMailHtml(string id, string message, string clock, string answerBy, Uri? portal, string organisation) =>
        $"""
        <p>To handle your request <strong>{id}</strong>, we need something from you:</p>
        <blockquote style="border-left:3px solid #999;margin:8px 0;padding:4px 12px;white-space:pre-wrap">{Html(message)}</blockquote>
        <p>Please answer on your requests page: sign in with this email address.</p>
        {PortalParagraph(portal, "Answer on your requests page")}
        <p>{Html(clock)} {Html(answerBy)}</p>
        <p>{Html(organisation)}</p>
        """;

    /// <summary>Wraps a mail's HTML in a minimal, readable page.</summary>
    public static string MailPage(string title, string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>{Html(title)}</title></head>
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
        return minutes == 1 ? "1 minute" : $"{minutes} minutes";
    }

    private static string Html(string text) => WebUtility.HtmlEncode(text);
}
