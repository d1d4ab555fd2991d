using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Staff;

/// <summary>Asks for a new staff member's name, address and role, and creates the account with a generated password.</summary>
public partial class CreateStaffAccountDialog
{
    private static readonly string NameRequired = Core.Identity.StaffAccounts.NameProblem(null)!;
    private static readonly string EmailRequired = Core.Identity.StaffAccounts.EmailProblem(null)!;

    private MudForm? form;
    private string? name;
    private string? email;
    private string role = PortalRoles.Officer;
    private string? error;
    private bool busy;

    [Inject]
    private Core.Identity.StaffAccounts Accounts { get; set; } = default!;

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

            var created = await Accounts.CreateAsync(name!, email!, role, actor);
            Dialog.Close(DialogResult.Ok(created));
        }
        catch (StaffAccountException ex)
        {
            error = ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();
}
