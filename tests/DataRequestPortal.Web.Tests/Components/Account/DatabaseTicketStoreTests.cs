using System.Net;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Account;

/// <summary>Sessions live on the server: a copied cookie is worth nothing once the session it names has ended.</summary>
public class DatabaseTicketStoreTests : IClassFixture<PortalFactory>
{
    private const string SessionCookie = "DataRequestPortal.Session";
    private static readonly Uri Portal = new("http://localhost/");

    private readonly PortalFactory factory;

    public DatabaseTicketStoreTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task StaffSignOut_ACopiedSessionCookie_IsRefusedAfterwards()
    {
        var (browser, cookies) = await SignedInStaffAsync("signs-out@test.example", PortalRoles.Officer);
        var copy = Copy(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync("/")).StatusCode);

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/Account/Manage/ChangePassword");
        await browser.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(await copy.GetAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PasswordChange_EndsEverySessionOfTheAccount_AtOnce()
    {
        const string email = "changes-password@test.example";
        var (browser, cookies) = await SignedInStaffAsync(email, PortalRoles.Officer);
        var copy = Copy(cookies);
        var otherBrowser = factory.CreateBrowserLikeClient();
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(otherBrowser, email, Password)));

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/Account/Manage/ChangePassword");
        var changed = await browser.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.OldPassword"] = Password,
            ["Input.NewPassword"] = "Replacement-Pass-2026",
            ["Input.ConfirmPassword"] = "Replacement-Pass-2026",
        }));
        Assert.Equal("/Account/Login", PortalFactory.RedirectTarget(changed));

        Assert.Equal(HttpStatusCode.Redirect, (await copy.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await otherBrowser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task RoleChange_EndsTheSession_AtOnce()
    {
        const string email = "demoted@test.example";
        var (browser, _) = await SignedInStaffAsync(email, PortalRoles.Admin);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/staff")).StatusCode);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().ChangeRoleAsync(id, PortalRoles.Auditor, Actor.Staff(PortalFactory.AdminEmail));
        }

        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(await browser.GetAsync("/admin/staff")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisablingTheAccount_EndsTheSession_AtOnce()
    {
        const string email = "switched-off@test.example";
        var (browser, _) = await SignedInStaffAsync(email, PortalRoles.Officer);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var id = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!.Id;
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DisableAsync(id, Actor.Staff(PortalFactory.AdminEmail));
        }

        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(await browser.GetAsync("/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectSignOut_ACopiedSessionCookie_IsRefusedAfterwards()
    {
        var email = $"subject-{Guid.NewGuid():N}@example.org";
        var (browser, cookies) = factory.CreateBrowserWithCookies();
        Assert.StartsWith(SubjectSignInCalls.RequestsPath, await factory.SignInAsync(browser, email, viewOnly: true), StringComparison.Ordinal);
        var copy = Copy(cookies);
        Assert.Equal(HttpStatusCode.OK, (await copy.GetAsync(SubjectSignInCalls.RequestsPath)).StatusCode);

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, SubjectSignInCalls.StartPath);
        var signedOut = await browser.PostAsync("/my-data/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);

        Assert.StartsWith("/my-data?then=requests", PortalFactory.RedirectTarget(await copy.GetAsync(SubjectSignInCalls.RequestsPath)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubjectSignOut_PostedFromAnotherSiteWithoutTheFormsToken_IsRefused_AndTheSessionStays()
    {
        var email = $"subject-{Guid.NewGuid():N}@example.org";
        var browser = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(browser, email, viewOnly: true);

        var forged = await browser.PostAsync("/my-data/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var forgedAsText = await browser.PostAsync("/my-data/sign-out", new StringContent("x", System.Text.Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forgedAsText.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(SubjectSignInCalls.RequestsPath)).StatusCode);
    }

    [Fact]
    public async Task SigningIn_WithSomeoneElsesSessionCookieInTheBrowser_StartsASessionOfItsOwn()
    {
        // Someone signs in as a data subject and plants that session's cookie in a colleague's browser.
        var (planter, planterCookies) = factory.CreateBrowserWithCookies();
        await factory.SignInAsync(planter, $"planter-{Guid.NewGuid():N}@example.org", viewOnly: true);
        var planted = planterCookies.GetCookies(Portal)[SessionCookie]!;

        const string email = "victim@test.example";
        await factory.CreateStaffAsync(email, Password, PortalRoles.Admin);
        var (victim, victimCookies) = factory.CreateBrowserWithCookies();
        victimCookies.Add(Portal, new Cookie(SessionCookie, planted.Value));
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(victim, email, Password)));
        Assert.Equal(HttpStatusCode.OK, (await victim.GetAsync("/admin/staff")).StatusCode);

        Assert.NotEqual(planted.Value, victimCookies.GetCookies(Portal)[SessionCookie]!.Value);
        var replay = WithCookie(planted.Value);
        Assert.NotEqual(HttpStatusCode.OK, (await replay.GetAsync("/admin/staff")).StatusCode);
    }

    private const string Password = "Officer-Pass-2026";

    private async Task<(HttpClient Browser, CookieContainer Cookies)> SignedInStaffAsync(string email, string role)
    {
        await factory.CreateStaffAsync(email, Password, role);
        var (browser, cookies) = factory.CreateBrowserWithCookies();
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(browser, email, Password)));
        return (browser, cookies);
    }

    /// <summary>Another client that sends the same session cookie, as someone who copied it would.</summary>
    private HttpClient Copy(CookieContainer cookies) => WithCookie(cookies.GetCookies(Portal)[SessionCookie]!.Value);

    private HttpClient WithCookie(string session)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", $"{SessionCookie}={session}");
        return client;
    }
}
