using System.ComponentModel.DataAnnotations;
using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace DataRequestPortal.Web.Components.Account.Pages.Manage;

/// <summary>A staff member changes their own password, then signs in again with it.</summary>
public partial class ChangePassword
{
    private string? errorMessage;
    private PortalUser? user;

    [Inject]
    private UserManager<PortalUser> UserManager { get; set; } = default!;

    [Inject]
    private SignInManager<PortalUser> SignInManager { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [Inject]
    private ILogger<ChangePassword> Logger { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            // The account behind this session no longer exists.
            await SignInManager.SignOutAsync();
            RedirectManager.RedirectTo("Account/Login");
        }
    }

    private async Task ChangeAsync()
    {
        if (user is null)
        {
            return;
        }

        var result = await UserManager.ChangePasswordAsync(user, Input.OldPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            errorMessage = string.Join(" ", result.Errors.Select(error => error.Description));
            return;
        }

        // The new password ends every session of the account, this one too: a copy of this browser's cookie must not outlive it.
        await SignInManager.SignOutAsync();
        Logger.LogInformation("Staff member changed their password.");
        RedirectManager.RedirectToWithStatus("Account/Login", "Your password has been changed. Sign in with your new password.", HttpContext);
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your current password.")]
        [DataType(DataType.Password)]
        public string OldPassword { get; set; } = "";

        [Required(ErrorMessage = "Enter a new password.")]
        [StringLength(128, MinimumLength = 12, ErrorMessage = "The new password must be 12 to 128 characters long.")]
        [DataType(DataType.Password)]
        public string NewPassword { get; set; } = "";

        [DataType(DataType.Password)]
        [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords are not the same.")]
        public string ConfirmPassword { get; set; } = "";
    }
}
