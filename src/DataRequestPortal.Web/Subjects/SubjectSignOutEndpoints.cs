using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DataRequestPortal.Web.Subjects;

public static class SubjectSignOutEndpoints
{
    public const string SignedOutPath = "/my-data?signedout=true";

    /// <summary>
    /// The data subject's sign-out: a form POST with an antiforgery token, checked here, so another site cannot sign them
    /// out (the token is only enforced where a handler reads the form, and this one reads nothing). The session ends on the server.
    /// </summary>
    public static IEndpointConventionBuilder MapSubjectSignOut(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/sign-out", async (HttpContext context, [FromServices] SignInManager<PortalUser> signInManager, [FromServices] AuditLog audit, [FromServices] IAntiforgery antiforgery) =>
        {
            if (!await antiforgery.IsRequestValidAsync(context))
            {
                return Results.Problem("The sign-out form has expired or did not come from this site; reload the page and sign out again.", statusCode: StatusCodes.Status400BadRequest);
            }

            if (context.User.IsInRole(PortalRoles.Subject))
            {
                var actor = PortalActors.Subject(context.User);
                await audit.RecordAsync(actor, AuditAction.SignedOut, target: actor.Name, detail: "self-service");
            }

            await signInManager.SignOutAsync();
            return Results.LocalRedirect(SignedOutPath);
        });

    /// <summary>The self-service pages' helpers: the browser's code ticket and the start of a subject's session.</summary>
    public static IServiceCollection AddPortalSelfServicePages(this IServiceCollection services)
    {
        services.AddSingleton<SubjectSignInCookie>();
        services.AddScoped<SubjectSessions>();
        return services;
    }
}
