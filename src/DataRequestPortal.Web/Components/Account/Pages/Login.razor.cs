using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace DataRequestPortal.Web.Components.Account.Pages;

/// <summary>Staff sign-in; every outcome is recorded by <see cref="StaffSignIn"/>, and the page only words it.</summary>
public partial class Login
{
    private string? errorMessage;

    [Inject]
    private StaffSignIn StaffSignIn { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            // Start from a clean slate: no half-finished external sign-in.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task SignInAsync()
    {
        var result = await StaffSignIn.SignInAsync(HttpContext, Input.Email, Input.Password, Input.RememberMe);
        switch (result.Outcome)
        {
            case StaffSignInOutcome.SignedIn:
                Logger.LogInformation("Staff member signed in.");
                RedirectManager.RedirectTo(ReturnUrl);
                break;
            case StaffSignInOutcome.Disabled:
                errorMessage = "This account has been disabled. Ask your portal administrator if you still need access.";
                break;
            case StaffSignInOutcome.NotAllowed:
                errorMessage = "This account may not sign in. Ask an administrator.";
                break;
            case StaffSignInOutcome.Throttled:
                var minutes = Math.Max(1, (int)Math.Ceiling(result.RetryAfter.TotalMinutes));
                errorMessage = $"Too many sign-in attempts from here. Wait {minutes} minute{(minutes == 1 ? "" : "s")} and try again.";
                break;
            default:
                errorMessage = "The email address or password is not correct.";
                break;
        }
    }

    private sealed class InputModel
    {
        [Required(ErrorMessage = "Enter your email address.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        public bool RememberMe { get; set; }
    }
}
