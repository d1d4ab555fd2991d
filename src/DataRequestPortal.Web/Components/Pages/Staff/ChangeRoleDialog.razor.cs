using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Staff;

/// <summary>Gives a staff member another role.</summary>
public partial class ChangeRoleDialog
{
    private string role = PortalRoles.Officer;
    private string? error;
    private bool busy;

    [Inject]
    private Core.Identity.StaffAccounts Accounts { get; set; } = default!;

    [Inject]
    private AdminConfirmation Admin { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public StaffMember Member { get; set; } = default!;

    protected override void OnInitialized() => role = Member.Role;

    private async Task SubmitOnEnterAsync(KeyboardEventArgs args)
    {
        if (args.Key == "Enter" && role != Member.Role)
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

        busy = true;
        try
        {
            var actor = await Admin.ConfirmAsync();
            if (actor is null)
            {
                error = AdminConfirmation.Refused;
                return;
            }

            await Accounts.ChangeRoleAsync(Member.Id, role, actor);
            Dialog.Close(DialogResult.Ok(role));
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
