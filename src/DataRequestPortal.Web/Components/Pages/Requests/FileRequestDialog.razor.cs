using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>
/// Files a request for a subject on staff's word: who, how their identity was verified, and optionally where to email the
/// result and whether an email subject follows it on the self-service page.
/// </summary>
public partial class FileRequestDialog
{
    private readonly Model model = new();
    private MudForm? form;
    private bool busy;

    [Inject]
    private RequestFiling Filing { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override void OnInitialized() => model.Regime = Clock.DefaultRegime;

    private string IdentifierLabel => model.Type == SubjectType.Email ? "Email address" : $"{model.Type.ToWireName()} id";

    private string IdentifierRequired => model.Type == SubjectType.Email ? "Enter an email address." : $"Enter a {model.Type.ToWireName()} id.";

    /// <summary>Only an email subject can prove who they are on the self-service page; for other types the choice does not stand.</summary>
    private bool DeliversThroughSelfService => model.Type == SubjectType.Email && model.SelfServiceDelivery;

    private void SetSelfServiceDelivery(bool value) => model.SelfServiceDelivery = value;

    private string? ValidateIdentifier(string? value) =>
        Subject.TryCreate(model.Type, value, out _, out var error) ? null : error;

    private async Task SubmitAsync()
    {
        await form!.ValidateAsync();
        if (!form.IsValid || StaffFiling.VerificationProblem(model.Verification) is not null || StaffFiling.ReportProblem(model.Report) is not null
            || !Subject.TryCreate(model.Type, model.Identifier, out var subject, out _))
        {
            return;
        }

        var user = (await AuthenticationState).User;
        if (!(await Authorization.AuthorizeAsync(user, PortalPolicies.HandleRequests)).Succeeded)
        {
            Snackbar.Add("Your role cannot file requests.", Severity.Error);
            return;
        }

        busy = true;
        var actor = PortalActors.Staff(user);
        var report = ReportTarget.TryParse(model.Report, out var target, out _) ? target : null;
        var request = await Filing.FileForStaffAsync(subject, actor, StaffFiling.VerificationNote(model.Verification!), report, model.Regime, DeliversThroughSelfService);
        // The message holds a link (the new request is also in the list at once): it stays ten seconds, not the default
        // few, so there is time to reach it, and it can be closed. It does not wait to be closed: it would cover the
        // next filing's buttons.
        Snackbar.Add(FiledMessage(request.Id, subject.Identifier), Severity.Success, options =>
        {
            options.VisibleStateDuration = 10_000;
            options.ShowCloseIcon = true;
            options.CloseAfterNavigation = true;
        });
        Dialog.Close(DialogResult.Ok(request.Id));
    }

    private void Cancel() => Dialog.Cancel();

    /// <summary>"Request 123 filed for …", the id a link to the new request.</summary>
    private static RenderFragment FiledMessage(long id, string identifier) => builder =>
    {
        builder.AddContent(0, "Request ");
        builder.OpenElement(1, "a");
        builder.AddAttribute(2, "href", $"requests/{id}");
        builder.AddAttribute(3, "class", "request-id");
        builder.AddAttribute(4, "data-testid", "filed-link");
        builder.AddContent(5, id);
        builder.CloseElement();
        builder.AddContent(6, $" filed for {identifier}.");
    };

    private sealed class Model
    {
        public SubjectType Type { get; set; } = SubjectType.Email;

        public string? Identifier { get; set; }

        public string? Verification { get; set; }

        public string? Report { get; set; }

        public Regime Regime { get; set; }

        public bool SelfServiceDelivery { get; set; }
    }
}
