using System.Security.Claims;
using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.Account;

/// <summary>
/// Keeps sign-ins on the server (<see cref="SignInSessions"/>): the cookie carries only a random key. Signing out
/// ends the session for every copy of the cookie, and a session ends by itself when its account's security stamp
/// changes (password, role, disabled). A sign-in page never continues the browser's current session (the cookie
/// handler would otherwise keep its key for the new sign-in): opening one ends that session, so every sign-in gets a
/// key of its own and a key planted in a browser beforehand is worth nothing.
/// </summary>
internal sealed class DatabaseTicketStore(SignInSessions sessions, IDataProtectionProvider protection, IOptions<IdentityOptions> identity) : ITicketStore
{
    private readonly IDataProtector protector = protection.CreateProtector("DataRequestPortal.SignInSessions");

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (userId, stamp) = AccountOf(ticket);
        return sessions.StartAsync(userId, stamp, Protect(ticket), ticket.Properties.ExpiresUtc, cancellationToken);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var (userId, stamp) = AccountOf(ticket);
        return sessions.RenewAsync(key, userId, stamp, Protect(ticket), ticket.Properties.ExpiresUtc, cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (IsSignIn(httpContext.Request))
        {
            await sessions.EndAsync(key, cancellationToken);
            return null;
        }

        return await RetrieveAsync(key, cancellationToken);
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        if (await sessions.FindAsync(key, cancellationToken) is not { } session)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(protector.Unprotect(session.Ticket));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // Keys rotated away or the row was tampered with: the browser signs in again.
            await sessions.EndAsync(key, cancellationToken);
            return null;
        }
    }

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.EndAsync(key, cancellationToken);

    /// <summary>
    /// The staff sign-in form and the subject's code and link page: where a session starts. Their pages are rendered
    /// without a session too, so the form's antiforgery token matches the anonymous post.
    /// </summary>
    private static bool IsSignIn(HttpRequest request) =>
        request.Path.StartsWithSegments("/Account/Login") || request.Path.StartsWithSegments("/my-data/verify");

    private (string UserId, string Stamp) AccountOf(AuthenticationTicket ticket)
    {
        var user = ticket.Principal;
        var userId = user.FindFirstValue(identity.Value.ClaimsIdentity.UserIdClaimType)
            ?? throw new InvalidOperationException("A sign-in without a user id cannot be kept.");
        return (userId, user.FindFirstValue(identity.Value.ClaimsIdentity.SecurityStampClaimType) ?? "");
    }

    private byte[] Protect(AuthenticationTicket ticket) => protector.Protect(TicketSerializer.Default.Serialize(ticket));

    /// <summary>The claim the cookie handler adds to a principal whose ticket is kept in a store: the session's key.</summary>
    public static string? SessionKeyOf(ClaimsPrincipal user) => user.FindFirstValue("Microsoft.AspNetCore.Authentication.Cookies-SessionId");
}
