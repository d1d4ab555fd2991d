using System.Net;
using System.Reflection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Pages;

public class PageAuthorizationTests : IClassFixture<PortalFactory>
{
    // The only pages a visitor may open without signing in.
    private static readonly HashSet<string> PublicPages =
    [
        "/Account/Login",
        "/Account/AccessDenied",
        "/Error",
        "/not-found",

        // The API reference: the OpenAPI document for people; it holds no data.
        "/api-docs",

        // Data subjects ask for an emailed code and enter it; they hold no data and show nothing about any address.
        "/my-data",
        "/my-data/verify",
    ];

    private readonly PortalFactory factory;

    public PageAuthorizationTests(PortalFactory factory) => this.factory = factory;

    public static TheoryData<string> ProtectedPages()
    {
        var data = new TheoryData<string>();
        foreach (var route in AllRoutes().Where(route => !PublicPages.Contains(route)))
        {
            data.Add(route);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ProtectedPages))]
    public async Task ProtectedPage_Anonymous_IsSentToSignIn(string route)
    {
        // A route with a parameter ({Id:long}) is asked for with a sample value.
        var path = System.Text.RegularExpressions.Regex.Replace(route, @"\{[^}]+\}", "4000000000000001");
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        // Data subjects have no password: their pages send them to the emailed-code sign-in.
        var signIn = route.StartsWith("/my-data", StringComparison.Ordinal) ? "/my-data?then=requests" : "/Account/Login?ReturnUrl=";
        Assert.StartsWith(signIn, PortalFactory.RedirectTarget(response));
    }

    [Fact]
    public void EveryPublicPage_SaysSoExplicitly()
    {
        var pages = typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());
        var anonymous = pages
            .Where(t => t.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => r.Template))
            .ToHashSet();

        Assert.Equal(PublicPages.Order(), anonymous.Order());
        Assert.NotEmpty(ProtectedPages());
    }

    [Fact]
    public async Task PublicPages_OpenWithoutSigningIn()
    {
        var client = factory.CreateBrowserLikeClient();
        foreach (var route in PublicPages.Where(r => r != "/Error"))
        {
            var response = await client.GetAsync(route);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{route}: {response.StatusCode}");
        }
    }

    [Theory]
    [InlineData(PortalRoles.Officer)]
    [InlineData(PortalRoles.Auditor)]
    public async Task AdminPages_OtherStaff_AreDenied(string role)
    {
        var email = $"{role.ToLowerInvariant()}-denied@test.example";
        var client = await factory.SignedInStaffAsync(email, "Staff-Pass-2026!", role);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var adminPages = AllRoutes().Where(route => route.StartsWith("/admin/", StringComparison.Ordinal)).ToList();
        Assert.Equal(["/admin/sources", "/admin/staff", "/admin/tokens"], adminPages);
        foreach (var route in adminPages)
        {
            Assert.StartsWith("/Account/AccessDenied", PortalFactory.RedirectTarget(await client.GetAsync(route)));
        }
    }

    [Fact]
    public async Task AdminPages_OpenForAnAdmin()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);

        foreach (var (route, heading) in new[] { ("/admin/staff", "Staff accounts"), ("/admin/tokens", "API tokens"), ("/admin/sources", "Sources") })
        {
            var page = await client.GetAsync(route);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains($">{heading}</h1>", await page.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task AccountWithoutAStaffRole_CannotSignIn_AndSeesNoStaffPage()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<PortalUser>>();
            await users.CreateAsync(new PortalUser { UserName = "norole@test.example", Email = "norole@test.example" }, "No-Role-Pass-2026");
        }

        var client = factory.CreateBrowserLikeClient();
        var signIn = await PortalFactory.SignInAsync(client, "norole@test.example", "No-Role-Pass-2026");

        Assert.Contains("This account may not sign in.", await signIn.Content.ReadAsStringAsync());
        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(await client.GetAsync("/")));
    }

    [Fact]
    public async Task SignedInSubject_OnAStaffPage_IsTakenBackToTheirRequests()
    {
        var client = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(client, $"wanderer-{Guid.NewGuid():N}@example.org", viewOnly: true);

        foreach (var route in new[] { "/", "/requests", "/audit", "/admin/staff", "/Account/Manage/ChangePassword" })
        {
            Assert.Equal("/my-data/requests", PortalFactory.RedirectTarget(await client.GetAsync(route)));
        }
    }

    private static IEnumerable<string> AllRoutes() =>
        typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
            .Select(r => r.Template)
            .Distinct()
            .Order();
}
