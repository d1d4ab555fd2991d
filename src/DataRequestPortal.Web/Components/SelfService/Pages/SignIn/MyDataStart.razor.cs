using DataRequestPortal.Core;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Subjects;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.SelfService.Pages.SignIn;

/// <summary>The first step of a subject's sign-in: an email address, to which a code and a link are sent.</summary>
public partial class MyDataStart
{
    private string? addressError;
    private string? formError;
    private string? signedInAs;

    [Inject]
    private SubjectSignIn SignIn { get; set; } = default!;

    [Inject]
    private SubjectSignInCookie TicketCookie { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "then")]
    private string? Then { get; set; }

    // Read as text: a hand-edited address ("?signedout=yes") must not break the page.
    [SupplyParameterFromQuery(Name = "signedout")]
    private string? SignedOutText { get; set; }

    private bool SignedOut => SignedOutText == "true";

    private bool ViewOnly => HttpMethods.IsPost(HttpContext.Request.Method) ? Input.ViewOnly : Then == "requests";

    protected override void OnInitialized()
    {
        Input ??= new();
        if (HttpContext.User.IsInRole(PortalRoles.Subject))
        {
            signedInAs = HttpContext.User.Identity?.Name;
        }
    }

    private async Task SendCodeAsync()
    {
        if (string.IsNullOrWhiteSpace(Input.Email))
        {
            addressError = SubjectTexts.EnterEmail;
            return;
        }

        var purpose = Input.ViewOnly ? SignInPurpose.ViewRequests : SignInPurpose.FileRequest;
        var client = HttpContext.Connection.RemoteIpAddress?.ToString();
        var answer = await SignIn.RequestCodeAsync(Input.Email, purpose, client, HttpContext.RequestAborted, SubjectTexts.Language);
        switch (answer.Outcome)
        {
            case CodeRequestOutcome.Sent:
                TicketCookie.Write(HttpContext, answer.Ticket!);
                RedirectManager.RedirectTo("my-data/verify");
                break;
            case CodeRequestOutcome.InvalidAddress:
                addressError = answer.AddressProblem;
                break;
            case CodeRequestOutcome.TooManyForAddress:
                formError = SubjectTexts.TooManyForAddress(answer.RetryAfter ?? TimeSpan.Zero);
                break;
            case CodeRequestOutcome.TooManyFromClient:
                formError = SubjectTexts.TooManyFromClient(answer.RetryAfter ?? TimeSpan.Zero);
                break;
            default:
                formError = SubjectTexts.MailFailed;
                break;
        }
    }

    private sealed class InputModel
    {
        public string Email { get; set; } = "";

        public bool ViewOnly { get; set; }
    }
}
