using DataRequestPortal.Core.Api;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Tokens;

/// <summary>Asks for a new token's name and issues it; the page shows its secrets.</summary>
public partial class CreateTokenDialog
{
    private static readonly string NameRequired = ApiToken.NameProblem(null)!;

    private MudForm? form;
    private string? name;
    private string? error;
    private bool busy;

    [Inject]
    private ApiTokens Tokens { get; set; } = default!;

    [Inject]
    private AdminConfirmation Admin { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    private async Task SubmitOnEnterAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter")
        {
            await SubmitAsync();
        }
    }

    private async Task SubmitAsync()
    {
        if (busy)
        {
            return;
        }

        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        busy = true;
        try
        {
            var actor = await Admin.ConfirmAsync();
            if (actor is null)
            {
                error = AdminConfirmation.Refused;
                return;
            }

            Dialog.Close(DialogResult.Ok(await Tokens.IssueAsync(name!, actor)));
        }
        finally
        {
            busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
