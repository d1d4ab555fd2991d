using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace DataRequestPortal.Web.Components.Account;

public static class AccountEndpoints
{
    public static IEndpointConventionBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");

        // A POST with an antiforgery token (validated by UseAntiforgery), so another site cannot sign staff out.
        account.MapPost("/Logout", async (HttpContext context, [FromServices] SignInManager<PortalUser> signInManager, [FromServices] AuditLog audit, [FromForm] string? returnUrl) =>
        {
            if (context.User.Identity?.IsAuthenticated == true)
            {
                var actor = PortalActors.Staff(context.User);
                await audit.RecordAsync(actor, AuditAction.SignedOut, target: actor.Name);
            }

            await signInManager.SignOutAsync();
            var back = ReturnUrls.ToLocalPath(returnUrl);
            return TypedResults.LocalRedirect(back == "/" ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(back)}");
        });
        return account;
    }
}
