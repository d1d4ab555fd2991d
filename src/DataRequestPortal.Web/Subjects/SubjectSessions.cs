using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Subjects;

/// <summary>Where the subject goes once signed in, or why they could not be.</summary>
public sealed record SubjectSignInResult(string? RedirectTo, string? Problem);

/// <summary>
/// Turns a proven address into a subject's session: the account (made on first use), the sign-in cookie for
/// <c>SelfService:SessionMinutes</c>, an audit entry, and — when they came to ask for their data — the request,
/// or the one already under way.
/// </summary>
public sealed class SubjectSessions(
    SubjectAccounts accounts,
    SignInManager<PortalUser> signIn,
    SelfServiceRequests requests,
    SubjectSignInCookie ticketCookie,
    AuditLog audit,
    TimeProvider time,
    IOptions<SelfServiceOptions> options)
{
    public const string RequestsPath = "/" + SubjectMails.RequestsPath;

    public async Task<SubjectSignInResult> StartAsync(HttpContext context, Verification verification, string how)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(verification);
        if (!verification.Succeeded || verification.Email is not { } email)
        {
            throw new ArgumentException("Only a verified address starts a session.", nameof(verification));
        }

        ticketCookie.Delete(context);
        var user = await accounts.FindOrCreateAsync(email, context.RequestAborted);
        if (user is null)
        {
            await audit.RecordAsync(Actor.System, AuditAction.SignInFailed, target: email, detail: $"self-service sign-in for a staff address refused, {From(context)}");
            return new SubjectSignInResult(null, SubjectTexts.StaffAddress);
        }

        var now = time.GetUtcNow();
        await signIn.SignInAsync(user, new AuthenticationProperties
        {
            IsPersistent = false,
            IssuedUtc = now,
            ExpiresUtc = now + options.Value.Session,
            AllowRefresh = true,
        }, authenticationMethod: "email");
        await audit.RecordAsync(Actor.DataSubject(email), AuditAction.SignedIn, target: email, detail: $"self-service, by {how}, {From(context)}");

        if (verification.Purpose != SignInPurpose.FileRequest)
        {
            return new SubjectSignInResult(RequestsPath, null);
        }

        var filing = await requests.FileAsync(email, context.RequestAborted, SubjectTexts.Language);
        return new SubjectSignInResult($"{RequestsPath}?{(filing.Created ? "filed" : "active")}={filing.Request.Id}", null);
    }

    /// <summary>A code locked by wrong guesses or a link tried in another browser is worth an entry: it may be someone else trying.</summary>
    public Task RecordRefusalAsync(HttpContext context, Verification verification, string what)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(verification);
        return audit.RecordAsync(Actor.System, AuditAction.SignInFailed, target: verification.Email, detail: $"self-service: {what}, {From(context)}");
    }

    public static string From(HttpContext context) => $"from {context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address"}";
}
