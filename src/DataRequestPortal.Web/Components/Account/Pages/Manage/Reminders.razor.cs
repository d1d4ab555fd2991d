using System.Globalization;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.Account.Pages.Manage;

/// <summary>An officer or admin asks for, or stops, the daily digest of requests that need them; other roles are told it is not for them.</summary>
public partial class Reminders
{
    private PortalUser? user;
    private bool mayReceive;
    private string? message;
    private bool isError;

    [Inject]
    private UserManager<PortalUser> UserManager { get; set; } = default!;

    [Inject]
    private SignInManager<PortalUser> SignInManager { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [Inject]
    private IOptions<ReminderOptions> Options { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    private string HourText => new TimeOnly(Options.Value.DigestHour, 0).ToString("HH:mm", CultureInfo.InvariantCulture);

    private string ZoneName => Clock.Zone.Id;

    private int DueSoonDays => Options.Value.DueSoonDays;

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        user = await UserManager.GetUserAsync(HttpContext.User);
        if (user is null)
        {
            // The account behind this session no longer exists.
            await SignInManager.SignOutAsync();
            RedirectManager.RedirectTo("Account/Login");
            return;
        }

        // Read from the database, not the cookie: the role decides whether the digest is offered at all.
        var roles = await UserManager.GetRolesAsync(user);
        mayReceive = roles.Any(role => DigestRecipients.Roles.Contains(role, StringComparer.Ordinal));
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            Input.WantsDailyDigest = user.WantsDailyDigest;
        }
    }

    private async Task SaveAsync()
    {
        if (user is null || !mayReceive)
        {
            (message, isError) = ("The daily digest is only for officers and admins.", true);
            return;
        }

        user.WantsDailyDigest = Input.WantsDailyDigest;
        var result = await UserManager.UpdateAsync(user);
        (message, isError) = !result.Succeeded
            ? (string.Join(" ", result.Errors.Select(error => error.Description)), true)
            : Input.WantsDailyDigest
                ? ($"Saved: the daily digest comes to {user.Email} from {HourText} ({ZoneName}) on days with something to list.", false)
                : ("Saved: you no longer receive the daily digest.", false);
    }

    private sealed class InputModel
    {
        public bool WantsDailyDigest { get; set; }
    }
}
