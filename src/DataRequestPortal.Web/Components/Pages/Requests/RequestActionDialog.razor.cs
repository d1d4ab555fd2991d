using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>Asks for the reason (and, to extend, the months) of a staff action on a request, and applies it.</summary>
public partial class RequestActionDialog
{
    private MudForm? form;
    private string? reason;
    private int months = 1;
    private string? error;
    private bool busy;

    [Inject]
    private StaffRequestActions Actions { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter, EditorRequired]
    public long RequestId { get; set; }

    /// <summary>The newest timeline entry the page showed: an action on a request someone changed since is refused.</summary>
    [Parameter, EditorRequired]
    public long SeenEntryId { get; set; }

    [Parameter, EditorRequired]
    public RequestAction Action { get; set; }

    [Parameter]
    public DateOnly OriginalDueDate { get; set; }

    private bool ReasonRequired => Action is RequestAction.Deny or RequestAction.Extend;

    private string Title => Action switch
    {
        RequestAction.Cancel => "Cancel this request?",
        RequestAction.Retry => "Retry the collection?",
        RequestAction.Deny => "Deny this request?",
        _ => "Extend the due date",
    };

    private string ConfirmText => Action switch
    {
        RequestAction.Cancel => "Cancel request",
        RequestAction.Retry => "Retry",
        RequestAction.Deny => "Deny request",
        _ => "Extend",
    };

    private string ReasonLabel => ReasonRequired ? "Reason" : "Reason (optional)";

    private string ReasonHelp => Action switch
    {
        RequestAction.Cancel => "For example: the subject withdrew the request, or it was filed twice.",
        RequestAction.Retry => "For example: the CRM is reachable again.",
        RequestAction.Deny => "Recorded in the timeline and shown to the subject.",
        _ => "Recorded in the timeline; for example: the number of requests received this month.",
    };

    private string ReasonRequiredText => Action == RequestAction.Deny ? "A denial needs a reason the subject can read." : "An extension needs a reason.";

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
        await form!.ValidateAsync();
        if (!form.IsValid || ValidateReason(reason) is not null || busy)
        {
            return;
        }

        busy = true;
        var user = (await AuthenticationState).User;
        var result = await Actions.ApplyAsync(user, new RequestActionCommand(RequestId, SeenEntryId, Action, reason, Action == RequestAction.Extend ? months : 0));
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
