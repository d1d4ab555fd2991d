using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;

namespace DataRequestPortal.Web.Components.Account;

public static class AccountServiceCollectionExtensions
{
    /// <summary>
    /// How soon a session ended elsewhere (signed out, a changed role or password, a disabled account) ends an open
    /// interactive page too; every HTTP request checks at once.
    /// </summary>
    public static readonly TimeSpan RevalidationInterval = TimeSpan.FromMinutes(1);

    /// <summary>Staff sign-in with ASP.NET Core Identity: server-side sessions, the sign-in throttle, roles and the portal's policies.</summary>
    public static IServiceCollection AddPortalIdentity(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AdminConfirmation>();
        services.AddScoped<StaffSignIn>();
        services.AddSingleton<KnownBrowserCookie>();
        services.AddSingleton<DatabaseTicketStore>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.AddPortalIdentityStores()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PortalUserClaimsPrincipalFactory>();

        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = RevalidationInterval);
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<DatabaseTicketStore>((options, store) => options.SessionStore = store);
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "DataRequestPortal.Session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;

            // Machine endpoints (the live-update hub) and actions (POST) answer 401/403; only pages are sent to the sign-in form.
            options.Events.OnRedirectToLogin = context => Refuse(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => Refuse(context, StatusCodes.Status403Forbidden);
            options.Events.OnRedirectToReturnUrl = ReturnUrls.RedirectAsync;
        });

        services.AddAuthorizationBuilder().AddPortalPolicies();
        return services;
    }

    private static Task Refuse(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/hubs") || !HttpMethods.IsGet(context.Request.Method))
        {
            // A bare status for a client library, not the not-found page a browser would get.
            if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            context.Response.StatusCode = status;
        }
        else if (status == StatusCodes.Status403Forbidden && context.HttpContext.User.IsInRole(PortalRoles.Subject))
        {
            // A data subject on a staff page: back to their own requests, not a page about staff roles.
            context.Response.Redirect("/my-data/requests");
        }
        else if (status == StatusCodes.Status401Unauthorized && context.Request.Path.StartsWithSegments("/my-data"))
        {
            // A data subject's session ended: they sign in again with a new emailed code, not at the staff form.
            context.Response.Redirect("/my-data?then=requests");
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }
}
