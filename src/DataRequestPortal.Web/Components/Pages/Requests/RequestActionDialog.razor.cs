using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>
/// Asks for what a staff action on a request needs — the reason, the extension, the question to the subject or their
/// answer — says who will read it, and applies it.
/// </summary>
public partial class RequestActionDialog
{
    private MudForm? form;
    private string? reason;
    private int amount;
    private SubjectQuestion question = SubjectQuestion.Identity;
    private string? error;
    private bool busy;

    [Inject]
    private StaffRequestActions Actions { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The request as the page showed it.</summary>
    [Parameter, EditorRequired]
    public DataRequest Request { get; set; } = default!;

    /// <summary>The newest timeline entry the page showed: an action on a request someone changed since is refused.</summary>
    [Parameter, EditorRequired]
    public long SeenEntryId { get; set; }

    [Parameter, EditorRequired]
    public RequestAction Action { get; set; }

    private ExtensionRule Rule => DueDates.Extension(Request.Regime);

    private DateOnly Due => Request.DueDateOn(Clock);

    /// <summary>Checked again by Core when applied; shown here so nobody types a reason for an extension that cannot be.</summary>
    private bool Overdue => !DueDates.CanExtendOn(Clock.Today, Due);

    /// <summary>A subject whose self-service page shows the request is emailed at once; the others are not told by the portal.</summary>
    private bool NotifiesSubject => ReportDelivery.CanNotify(Request);

    /// <summary>Who reads the reason: the subject on their page, or the API client in the status call.</summary>
    private bool SubjectSeesReason => Request.ShowsToSubject || Request.Channel == RequestChannel.Api;

    private string Reader => Request.Channel == RequestChannel.Api ? "API client (and through it the subject)" : "subject";

    private string OverdueText
    {
        get
        {
            var late = Clock.Today.DayNumber - Due.DayNumber;
            return $"This request was due on {PortalFormat.Date(Due)} and is {late} {(late == 1 ? "day" : "days")} overdue. " +
                "A due date can be extended only before it has passed, so it stays overdue: answer the subject as soon as you can.";
        }
    }

    private string ExtensionRuleText => Request.Regime switch
    {
        Regime.Ccpa => $"The CCPA allows one extension by up to {DueDates.CcpaMaxExtensionDays} further days, with notice to the consumer within the first 45 days, with the reasons.",
        Regime.UkGdpr => "The UK GDPR allows one extension by up to two further months, counted from receipt (a due date on a weekend or bank holiday moves to the next working day). Tell the subject within the first month, with the reasons.",
        _ => $"Art. 12(3) GDPR allows one extension by up to two further months, counted from the original due date ({PortalFormat.Date(Request.OriginalDueDate)}). Tell the subject within the first month, with the reasons.",
    };

    private string ClockEffect => DueDates.PauseMovesDueDate(Request.Regime, question)
        ? $"Under the {PortalFormat.Regime(Request.Regime)} the clock stands still until the answer: the due date moves by the days of waiting."
        : $"Under the {PortalFormat.Regime(Request.Regime)} the clock keeps running while you wait: the request stays due on {PortalFormat.Date(Due)}.";

    private bool ReasonRequired => Action is not RequestAction.Retry;

    private string Title => Action switch
    {
        RequestAction.Cancel => "Cancel this request?",
        RequestAction.Retry => "Retry the collection?",
        RequestAction.Deny => "Deny this request?",
        RequestAction.AskSubject => "Ask the subject",
        RequestAction.RecordAnswer => "Record the subject's answer",
        _ => "Extend the due date",
    };

    private string ConfirmText => Action switch
    {
        RequestAction.Cancel => "Cancel request",
        RequestAction.Retry => "Retry",
        RequestAction.Deny => "Deny request",
        RequestAction.AskSubject => NotifiesSubject ? "Send and pause" : "Pause",
        RequestAction.RecordAnswer => "Record and go on",
        _ => "Extend",
    };

    private string ReasonLabel => Action switch
    {
        RequestAction.Retry => "Reason (optional)",
        RequestAction.AskSubject => "Message to the subject",
        RequestAction.RecordAnswer => "The answer",
        _ => "Reason",
    };

    private string ReasonHelp => Action switch
    {
        RequestAction.Cancel => "For example: you withdrew the request by phone on 3 March.",
        RequestAction.Retry => "For example: the CRM is reachable again.",
        RequestAction.Deny => "Recorded in the timeline and shown to the subject.",
        RequestAction.AskSubject => "For example: please tell us the customer number on your last invoice.",
        RequestAction.RecordAnswer => "How it came and what it said; for example: by phone, customer number 4411.",
        _ => "Shown to the subject; for example: the request covers eleven years of mail archives.",
    };

    private string ReasonRequiredText => Action switch
    {
        RequestAction.Deny => "A denial needs a reason the subject can read.",
        RequestAction.Cancel => "A cancellation needs a reason the subject can read.",
        RequestAction.AskSubject => "Write the message the subject will read.",
        RequestAction.RecordAnswer => "Write down the answer.",
        _ => "An extension needs a reason.",
    };

    protected override void OnParametersSet()
    {
        if (amount == 0)
        {
            amount = Rule.InMonths ? 1 : Rule.Max;
        }
    }

    private DateOnly ExtendedDue(int by)
    {
        var running = Request.ClockStopped && Request.PausedSince is { } since ? DueDates.PausedDays(Clock.DateOf(since), Clock.Today) : 0;
        return DueDates.For(Request.Regime, Clock.DateOf(Request.ReceivedAt), Clock.Holidays, by, Request.PausedDays + running);
    }

    private string? ValidateReason(string? value) =>
        ReasonRequired && string.IsNullOrWhiteSpace(value) ? ReasonRequiredText : null;

    private async Task KeyDownAsync(KeyboardEventArgs e)
    {
        // Ctrl+Enter sends from the reason box, where Enter makes a new line.
        if (e.Key == "Enter" && e.CtrlKey)
        {
            await SubmitAsync();
        }
    }

    private async Task SubmitAsync()
    {
        error = null;
        if (Action == RequestAction.Extend && Overdue)
        {
            return;
        }

        await form!.ValidateAsync();
        if (!form.IsValid || ValidateReason(reason) is not null || busy)
        {
            return;
        }

        busy = true;
        var user = (await AuthenticationState).User;
        var command = new RequestActionCommand(Request.Id, SeenEntryId, Action, reason, Action == RequestAction.Extend ? amount : 0, question);
        var result = await Actions.ApplyAsync(user, command);
        busy = false;
        if (result.Outcome == StaffActionOutcome.Done)
        {
            Dialog.Close(DialogResult.Ok(result.Message));
        }
        else
        {
            error = result.Message;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
