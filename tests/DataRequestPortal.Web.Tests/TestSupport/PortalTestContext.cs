using System.Security.Claims;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Authorization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>
/// A bUnit context with MudBlazor's services, loose JS interop, and the portal's real authorization
/// policies, so a test signs in with a role and sees what that role would see.
/// </summary>
public class PortalTestContext : BunitContext, IAsyncLifetime
{
    private readonly SwitchableAuthenticationStateProvider authentication = new();

    // Every WaitForAssertion, WaitForState and WaitForElement waits as long as any other test wait: bUnit's own second is too short on a busy machine.
    static PortalTestContext() => DefaultWaitTimeout = Eventually.Timeout;

    public PortalTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddAuthorizationBuilder().AddPortalPolicies();

        // bUnit puts placeholders here; the real services evaluate the portal's policies.
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>());
        Services.AddCascadingAuthenticationState();
        Services.AddSingleton<AuthenticationStateProvider>(authentication);
    }

    public ClaimsPrincipal SignInAs(string role, string email = "staff@example.com", string displayName = "Sam Staff", string? userId = null)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, userId ?? Guid.NewGuid().ToString()),
                new Claim(ClaimTypes.Name, email),
                new Claim(ClaimTypes.Email, email),
                new Claim(PortalClaims.DisplayName, displayName),
                new Claim(ClaimTypes.Role, role),
            ],
            authenticationType: "Test");
        var user = new ClaimsPrincipal(identity);
        authentication.Set(user);
        return user;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    // MudBlazor registers services that can only be disposed asynchronously.
    public new virtual async Task DisposeAsync() => await base.DisposeAsync();

    private sealed class SwitchableAuthenticationStateProvider : AuthenticationStateProvider
    {
        private ClaimsPrincipal user = new(new ClaimsIdentity());

        public void Set(ClaimsPrincipal principal)
        {
            user = principal;
            NotifyAuthenticationStateChanged(GetAuthenticationStateAsync());
        }

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(user));
    }
}
