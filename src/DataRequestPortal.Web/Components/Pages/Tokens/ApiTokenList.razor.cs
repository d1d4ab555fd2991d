using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Tokens;

/// <summary>The API tokens other systems call with: create one (its secrets shown once) and revoke one.</summary>
public partial class ApiTokenList
{
    private bool busy;

    [Inject]
    private ApiTokens Tokens { get; set; } = default!;

    [Inject]
    private AdminConfirmation Admin { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    // Carried from the prerender to the live page, so the list is read once and does not flicker.
    [PersistentState]
    public List<ApiTokenSummary>? Rows { get; set; }

    protected override async Task OnInitializedAsync() => Rows ??= [.. await Tokens.ListAsync()];

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateTokenDialog>("Create an API token", PortalDialogs.Form);
        if (await dialog.Result is { Canceled: false, Data: IssuedApiToken issued })
        {
            Rows = [.. await Tokens.ListAsync()];
            StateHasChanged();
            Snackbar.Add($"Token '{issued.Name}' created.", Severity.Success);
            await SecretsShownOnceDialog.ShowAsync(Dialogs, $"Token for {issued.Name}",
                $"Give both values to the people who run '{issued.Name}'. Reports sent to its callback URLs are signed with keyId \"{issued.Id}\" and the signing secret.",
                new ShownSecret("Access token", issued.PlainText, "shown-token", "Send as Authorization: Bearer …, or as the access_token parameter."),
                new ShownSecret("Signing secret", issued.SigningSecret, "shown-secret", "Checks the hmac-sha256 signature of reports sent to the client."));
        }
    }

    private async Task RevokeAsync(ApiTokenSummary token)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Revoke token?",
            $"Calls with the token '{token.Name}' are refused from now on. Its requests keep their owner. This cannot be undone.",
            yesText: "Revoke", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var actor = await Admin.ConfirmAsync();
            if (actor is null)
            {
                Snackbar.Add(AdminConfirmation.Refused, Severity.Error);
                return;
            }

            await Tokens.RevokeAsync(token.Id, actor);
            Snackbar.Add($"Token '{token.Name}' revoked.", Severity.Success);
        }
        finally
        {
            busy = false;
            Rows = [.. await Tokens.ListAsync()];
        }
    }

    private static string RowClass(ApiTokenSummary token, int index) => $"token-row token-{token.Id}";
}
