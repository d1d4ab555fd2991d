using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace DataRequestPortal.Web.Subjects;

/// <summary>
/// The language of the data subject's pages: ASP.NET Core's request localization on <c>/my-data</c> (the language
/// cookie, else the browser's <c>Accept-Language</c>, else the organisation's default), kept in the cookie from the
/// first visit so the live page's circuit reads the same; and the switcher's endpoint that changes it. The staff
/// dashboard is left in the server's culture; its pages could take the same middleware once they have resources.
/// </summary>
public static class SubjectLocalization
{
    public const string CookieName = ".DataRequestPortal.Language";

    public const string LanguagePath = "/language";

    public const string LanguageField = "language";

    public const string ReturnField = "returnUrl";

    /// <summary>Where the switcher posts to.</summary>
    public const string SwitchAction = SubjectEndpoints.Prefix + LanguagePath;

    public static IServiceCollection AddPortalSubjectLocalization(this IServiceCollection services)
    {
        services.AddOptions<RequestLocalizationOptions>().Configure<SubjectLanguages>((options, languages) => Configure(options, languages, acceptLanguage: true));
        return services;
    }

    /// <summary>
    /// Localizes the subject's pages, and the live connection of their circuits (by cookie only: a staff member's
    /// circuit keeps the server's culture, whatever their browser prefers).
    /// </summary>
    public static IApplicationBuilder UseSubjectLocalization(this IApplicationBuilder app)
    {
        var languages = app.ApplicationServices.GetRequiredService<SubjectLanguages>();
        var circuits = Configure(new RequestLocalizationOptions(), languages, acceptLanguage: false);
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments(SubjectEndpoints.Prefix, StringComparison.OrdinalIgnoreCase),
            subject => subject.UseRequestLocalization().Use((context, next) =>
            {
                if (!context.Request.Cookies.ContainsKey(CookieName))
                {
                    // Chosen from the browser on the first visit, then kept: the circuit and later visits read the same.
                    Remember(context, SubjectTexts.Language);
                }

                return next(context);
            }));
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/_blazor") && (context.User.Identity?.IsAuthenticated != true || context.User.IsInRole(PortalRoles.Subject)),
            circuit => circuit.UseRequestLocalization(circuits));
        return app;
    }

    /// <summary>The switcher: a form post with the page's antiforgery token; sets the cookie and goes back to the page.</summary>
    public static IEndpointConventionBuilder MapSubjectLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(LanguagePath, async (HttpContext context, [FromServices] SubjectLanguages languages, [FromServices] IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem("The language form has expired or did not come from this site; reload the page and choose again.", statusCode: StatusCodes.Status400BadRequest);
            }

            var form = await context.Request.ReadFormAsync(context.RequestAborted);
            var language = form[LanguageField].ToString();
            if (!languages.IsOffered(language))
            {
                return Results.Problem($"Choose one of the languages offered: {string.Join(", ", languages.Offered)}.", statusCode: StatusCodes.Status400BadRequest);
            }

            Remember(context, languages.Resolve(language));
            return Results.LocalRedirect(ReturnPath(form[ReturnField].ToString()));
        });

    /// <summary>A path on the subject's pages to go back to; anything else (another site, the staff pages) goes to the start page.</summary>
    public static string ReturnPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } path && path.StartsWith(SubjectEndpoints.Prefix, StringComparison.OrdinalIgnoreCase)
            && (path.Length == SubjectEndpoints.Prefix.Length || path[SubjectEndpoints.Prefix.Length] is '/' or '?')
            && !path.Contains('\\', StringComparison.Ordinal) && Uri.IsWellFormedUriString(path, UriKind.Relative)
            ? path
            : SubjectEndpoints.Prefix;

    private static void Remember(HttpContext context, string language) =>
        context.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions
            {
                Path = "/",
                HttpOnly = true,
                Secure = context.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(365),
            });

    private static RequestLocalizationOptions Configure(RequestLocalizationOptions options, SubjectLanguages languages, bool acceptLanguage)
    {
        var offered = languages.Offered.ToArray();
        options.SetDefaultCulture(languages.Default).AddSupportedCultures(offered).AddSupportedUICultures(offered);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
            acceptLanguage
                ? [new CookieRequestCultureProvider { CookieName = CookieName }, new AcceptLanguageHeaderRequestCultureProvider()]
                : [new CookieRequestCultureProvider { CookieName = CookieName }];
        return options;
    }
}
