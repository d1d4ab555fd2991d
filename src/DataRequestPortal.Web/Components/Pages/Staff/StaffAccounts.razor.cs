using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Staff;

/// <summary>Everyone who can sign in to the dashboard: add accounts, change roles, reset passwords, disable and enable.</summary>
public partial class StaffAccounts
{
    private string? myId;
    private bool busy;

    [Inject]
    private StaffDirectory Directory { get; set; } = default!;

    [Inject]
    private Core.Identity.StaffAccounts Accounts { get; set; } = default!;

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
    public List<StaffMember>? Members { get; set; }

    protected override async Task OnInitializedAsync()
    {
        myId = await Admin.UserIdAsync();
        Members ??= [.. await Directory.ListAsync()];
    }

    private async Task CreateAsync()
    {
        var dialog = await Dialogs.ShowAsync<CreateStaffAccountDialog>("Add a staff account", PortalDialogs.Form);
        if (await dialog.Result is { Canceled: false, Data: CreatedStaffAccount created })
        {
            await ReloadAsync();
            StateHasChanged();
            Snackbar.Add($"Account created for {created.Email} ({created.Role}).", Severity.Success);
            await SecretsShownOnceDialog.ShowAsync(Dialogs, "Password for " + created.Email,
                "Hand this password to the person in a safe way; they can change it under \"Change password\" after signing in.",
                new ShownSecret("Initial password", created.InitialPassword, "shown-password"));
        }
    }

    private async Task ChangeRoleAsync(StaffMember member)
    {
        var parameters = new DialogParameters<ChangeRoleDialog> { { d => d.Member, member } };
        var dialog = await Dialogs.ShowAsync<ChangeRoleDialog>($"Change the role of {member.Name}", parameters, PortalDialogs.Form);
        if (await dialog.Result is { Canceled: false, Data: string role })
        {
            await ReloadAsync();
            Snackbar.Add($"{member.Name} is now {role}.", Severity.Success);
        }
    }

    private async Task ResetPasswordAsync(StaffMember member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Reset password?",
            $"{member.Name} gets a new generated password; the current one stops working and open sessions end.",
            yesText: "Reset password", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        var password = await ActAsync(actor => Accounts.ResetPasswordAsync(member.Id, actor));
        if (password is not null)
        {
            Snackbar.Add($"The password of {member.Email} was reset.", Severity.Success);
            await SecretsShownOnceDialog.ShowAsync(Dialogs, "New password for " + member.Email,
                "Hand this password to the person in a safe way; they can change it after signing in.",
                new ShownSecret("New password", password, "shown-password"));
        }
    }

    private async Task DisableAsync(StaffMember member)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Disable account?",
            $"{member.Name} can no longer sign in, and open sessions end within {(int)AccountServiceCollectionExtensions.RevalidationInterval.TotalMinutes} minutes. You can enable the account again later.",
            yesText: "Disable", cancelText: "Cancel");
        if (confirmed == true && await ActAsync(async actor => { await Accounts.DisableAsync(member.Id, actor); return member.Id; }) is not null)
        {
            Snackbar.Add($"{member.Email} is disabled.", Severity.Success);
        }
    }

    private async Task EnableAsync(StaffMember member)
    {
        if (await ActAsync(async actor => { await Accounts.EnableAsync(member.Id, actor); return member.Id; }) is not null)
        {
            Snackbar.Add($"{member.Email} can sign in again.", Severity.Success);
        }
    }

    /// <summary>Runs an action as the confirmed admin; a refusal becomes an error snackbar and null. The list is read again either way.</summary>
    private async Task<string?> ActAsync(Func<Actor, Task<string>> action)
    {
        busy = true;
        try
        {
            var actor = await Admin.ConfirmAsync();
            if (actor is null)
            {
                Snackbar.Add(AdminConfirmation.Refused, Severity.Error);
                return null;
            }

            return await action(actor);
        }
        catch (StaffAccountException ex)
        {
            Snackbar.Add(ex.Message, Severity.Error);
            return null;
        }
        finally
        {
            busy = false;
            await ReloadAsync();
        }
    }

    private async Task ReloadAsync() => Members = [.. await Directory.ListAsync()];

    private static string RowClass(StaffMember member, int index) => $"account-row account-{member.Email.Replace('@', '-').Replace('.', '-')}";
}
