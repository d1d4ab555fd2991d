using System.Text.Json;
using DataRequestPortal.Core.SelfService;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Subjects;

/// <summary>
/// Keeps the <see cref="BrowserTicket"/> of a code request in the asking browser: encrypted and signed by Data
/// Protection, HTTP-only, only sent to the self-service pages, and gone when the code would expire anyway.
/// </summary>
public sealed class SubjectSignInCookie(IDataProtectionProvider protection, IOptions<SelfServiceOptions> options)
{
    public const string Name = "DataRequestPortal.SignIn";

    private const string Path = "/my-data";

    private readonly IDataProtector protector = protection.CreateProtector("DataRequestPortal.SelfService.BrowserTicket");

    public void Write(HttpContext context, BrowserTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(context);
        var value = protector.Protect(JsonSerializer.Serialize(ticket));
        context.Response.Cookies.Append(Name, value, Options(context, options.Value.CodeLifetime));
    }

    /// <summary>The ticket this browser holds, or null when it holds none (or one that was tampered with or is from another installation).</summary>
    public BrowserTicket? Read(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Cookies[Name] is not { Length: > 0 } value)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<BrowserTicket>(protector.Unprotect(value));
        }
        catch (Exception ex) when (ex is System.Security.Cryptography.CryptographicException or JsonException)
        {
            return null;
        }
    }

    public void Delete(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.Cookies.Delete(Name, Options(context, TimeSpan.Zero));
    }

    // Lax: the sign-in link in an email is a top-level navigation, which must carry the cookie.
    private static CookieOptions Options(HttpContext context, TimeSpan lifetime) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = Path,
        MaxAge = lifetime,
        IsEssential = true,
    };
}
