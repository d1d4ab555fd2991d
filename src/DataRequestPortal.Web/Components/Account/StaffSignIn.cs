using System.Security.Cryptography;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;

namespace DataRequestPortal.Web.Components.Account;

public enum StaffSignInOutcome
{
    SignedIn,

    /// <summary>Unknown address, wrong password, or an account that has no password: one answer for all.</summary>
    NotCorrect,

    /// <summary>The right password of a disabled account: only someone who knows it learns that.</summary>
    Disabled,
    NotAllowed,

    /// <summary>Too many attempts from this client (or browser) for this address, or from this client overall.</summary>
    Throttled,
}

public sealed record StaffSignInResult(StaffSignInOutcome Outcome, TimeSpan RetryAfter = default);

/// <summary>
/// The staff sign-in form's decision. Every attempt costs the same: a known address runs its password hash, any other
/// address a hash of the same strength, so neither the answer nor its timing says who has an account. Guessing is
/// slowed by <see cref="StaffSignInThrottle"/> instead of locking accounts, so nobody can keep a colleague out.
/// </summary>
public sealed class StaffSignIn(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signInManager,
    IPasswordHasher<PortalUser> hasher,
    StaffSignInThrottle throttle,
    KnownBrowserCookie knownBrowser,
    AuditLog audit,
    TimeProvider time)
{
    private static readonly Lock DummyGate = new();
    private static string? dummyHash;

    public async Task<StaffSignInResult> SignInAsync(HttpContext context, string email, string password, bool remember)
    {
        ArgumentNullException.ThrowIfNull(context);
        var address = email.Trim();
        var client = ClientOf(context);
        var user = await users.FindByNameAsync(address);
        var attempt = new SignInAttempt(client, address, knownBrowser.BrowserFor(context, user?.Id));

        var gate = await throttle.BeginAsync(attempt, context.RequestAborted);
        if (!gate.Allowed)
        {
            await throttle.RecordAsync(attempt, AuditAction.SignInFailed, "refused: too many sign-in attempts", context.RequestAborted);
            return new StaffSignInResult(StaffSignInOutcome.Throttled, gate.RetryAfter);
        }

        var rightPassword = user?.PasswordHash is not null
            ? await users.CheckPasswordAsync(user, password)
            : CheckDummy(password);
        if (user is null || !rightPassword)
        {
            var why = user is null ? "unknown address" : user.PasswordHash is null ? "account without a password" : "wrong password";
            await throttle.RecordAsync(attempt, AuditAction.SignInFailed, user is { IsDisabled: true } ? why + "; account disabled" : why, context.RequestAborted);
            return new StaffSignInResult(StaffSignInOutcome.NotCorrect);
        }

        if (user.IsDisabled)
        {
            await throttle.RecordAsync(attempt, AuditAction.SignInFailed, "account disabled", context.RequestAborted);
            return new StaffSignInResult(StaffSignInOutcome.Disabled);
        }

        if (!(await users.GetRolesAsync(user)).Any(PortalRoles.IsStaffRole) || !await signInManager.CanSignInAsync(user))
        {
            await throttle.RecordAsync(attempt, AuditAction.SignInFailed, "account not allowed to sign in", context.RequestAborted);
            return new StaffSignInResult(StaffSignInOutcome.NotAllowed);
        }

        await throttle.SucceededAsync(attempt, context.RequestAborted);
        await signInManager.SignInAsync(user, remember, authenticationMethod: "pwd");
        knownBrowser.Issue(context, user.Id);
        user.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        await audit.RecordAsync(Actor.Staff(user.UserName ?? address), AuditAction.SignedIn, target: user.UserName ?? address, detail: "from " + client, cancellationToken: context.RequestAborted);
        return new StaffSignInResult(StaffSignInOutcome.SignedIn);
    }

    /// <summary>The client's address as the audit log names it (after trusted proxies' forwarded headers).</summary>
    public static string ClientOf(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "an unknown address";

    /// <summary>Runs the password hasher as for a real account, so an unknown address takes as long as a known one.</summary>
    private bool CheckDummy(string password)
    {
        string hash;
        lock (DummyGate)
        {
            hash = dummyHash ??= hasher.HashPassword(new PortalUser(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)));
        }

        hasher.VerifyHashedPassword(new PortalUser(), hash, password);
        return false;
    }
}
