using DataRequestPortal.Core;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Subjects;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.SelfService.Pages.SignIn;

/// <summary>The second step of a subject's sign-in: the emailed code typed in, or the emailed link opened, in the browser that asked.</summary>
public partial class MyDataVerify
{
    private BrowserTicket? ticket;
    private bool codeUsable = true;
    private string? codeError;
    private string? formError;

    // A staff address never signs in here, so a new code would only be refused again.
    private bool staffAddress;

    [Inject]
    private SubjectSignIn SignIn { get; set; } = default!;

    [Inject]
    private SubjectSignInCookie TicketCookie { get; set; } = default!;

    [Inject]
    private SubjectSessions Sessions { get; set; } = default!;

    [Inject]
    private IdentityRedirectManager RedirectManager { get; set; } = default!;

    [Inject]
    private IOptions<SelfServiceOptions> Options { get; set; } = default!;

    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private InputModel Input { get; set; } = default!;

    [SupplyParameterFromQuery(Name = SubjectMails.LinkParameter)]
    private string? Link { get; set; }

    private string RestartHref => ticket?.Purpose == SignInPurpose.ViewRequests ? "my-data?then=requests" : "my-data";

    protected override async Task OnInitializedAsync()
    {
        Input ??= new();
        ticket = TicketCookie.Read(HttpContext);
        if (HttpMethods.IsGet(HttpContext.Request.Method) && Link is not null)
        {
            var verification = await SignIn.VerifyLinkAsync(ticket, Link, HttpContext.RequestAborted);
            await ConcludeAsync(verification, "emailed link");
        }
    }

    private async Task VerifyAsync()
    {
        var verification = await SignIn.VerifyCodeAsync(ticket, Input.Code, HttpContext.RequestAborted);
        await ConcludeAsync(verification, "emailed code");
    }

    private async Task ConcludeAsync(Verification verification, string how)
    {
        switch (verification.Outcome)
        {
            case VerifyOutcome.Verified:
                var started = await Sessions.StartAsync(HttpContext, verification, how);
                if (started.RedirectTo is not null)
                {
                    RedirectManager.RedirectTo(started.RedirectTo);
                }

                ticket = null;
                formError = started.Problem;
                staffAddress = started.Problem is not null;
                break;
            case VerifyOutcome.Malformed:
                codeError = SubjectTexts.CodeMalformed;
                break;
            case VerifyOutcome.WrongCode:
                codeError = SubjectTexts.WrongCode(verification.AttemptsLeft);
                break;
            case VerifyOutcome.TooManyAttempts:
                await Sessions.RecordRefusalAsync(HttpContext, verification, "code locked after too many wrong attempts");
                Refuse(SubjectTexts.TooManyAttempts);
                break;
            case VerifyOutcome.Expired:
                Refuse(SubjectTexts.Expired);
                break;
            case VerifyOutcome.AlreadyUsed:
                Refuse(SubjectTexts.AlreadyUsed);
                break;
            case VerifyOutcome.OtherBrowser:
                await Sessions.RecordRefusalAsync(HttpContext, verification, "sign-in link opened in a browser that did not ask for it");
                formError = SubjectTexts.OtherBrowser;
                break;
            case VerifyOutcome.UnknownLink:
                formError = SubjectTexts.UnknownLink;
                break;
            default:
                ticket = null;
                formError = SubjectTexts.NoCodeRequested;
                break;
        }
    }

    /// <summary>The code cannot work any more: say why, and offer only a new one.</summary>
    private void Refuse(string message)
    {
        formError = message;
        codeUsable = false;
    }

    private sealed class InputModel
    {
        public string Code { get; set; } = "";
    }
}
