using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace DataRequestPortal.Web.Components.Account;

/// <summary>
/// Marks a browser in which a staff member signed in: an encrypted cookie with their account id and a random browser
/// id. At the sign-in form, that browser's attempts for that account are counted apart from everyone else's, so
/// someone guessing the account's password elsewhere (even behind the same IP address) cannot keep its owner out.
/// It grants nothing else: a password is always needed.
/// </summary>
public sealed class KnownBrowserCookie(IDataProtectionProvider protection)
{
    public const string Name = "DataRequestPortal.KnownBrowser";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(180);

    private readonly IDataProtector protector = protection.CreateProtector("DataRequestPortal.KnownBrowser");

    /// <summary>The browser's id when it is known to the account <paramref name="userId"/>; otherwise null.</summary>
    public string? BrowserFor(HttpContext context, string? userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (userId is null || context.Request.Cookies[Name] is not { Length: > 0 and < 1000 } value)
        {
            return null;
        }

        try
        {
            var parts = protector.Unprotect(value).Split('|');
            return parts.Length == 2 && parts[0] == userId ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Marks this browser as known to <paramref name="userId"/>, keeping its browser id if it already had one for that account.</summary>
    public void Issue(HttpContext context, string userId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var browser = BrowserFor(context, userId) ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Name, protector.Protect($"{userId}|{browser}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
            Path = "/Account",
            MaxAge = Lifetime,
        });
    }
}
