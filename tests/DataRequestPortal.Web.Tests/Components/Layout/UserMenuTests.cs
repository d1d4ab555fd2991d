using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Layout;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Layout;

public class UserMenuTests : PortalTestContext
{
    [Fact]
    public void ShowsWhoIsSignedIn_AndOffersPasswordChangeAndSignOut()
    {
        SignInAs(PortalRoles.Officer, "olga@example.org", "Olga Officer");
        Services.GetRequiredService<NavigationManager>().NavigateTo("admin/staff");

        var menu = Render<UserMenu>();

        Assert.Contains("Olga Officer", menu.Find("[data-testid=user-menu]").TextContent);
        Assert.Contains("Officer", menu.Find(".portal-user-role").TextContent);
        Assert.Equal("OO", menu.Find(".mud-avatar").TextContent.Trim());
        var panel = menu.Find("details.portal-menu .portal-menu-panel");
        Assert.Contains("Sign out", panel.TextContent);
        Assert.Contains("olga@example.org", panel.TextContent);
        Assert.NotNull(panel.QuerySelector("a[href='Account/Manage/ChangePassword']"));
        var form = menu.Find("form.portal-signout");
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("admin/staff", menu.Find("input[name=ReturnUrl]").GetAttribute("value"));
    }

    [Theory]
    [InlineData(PortalRoles.Officer, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Auditor, false)]
    public void RemindersLink_IsOfferedToTheRolesThatGetTheDigest(string role, bool offered)
    {
        SignInAs(role, "sam@example.org", "Sam Staff");

        var menu = Render<UserMenu>();

        Assert.Equal(offered, menu.FindAll("a[href='Account/Manage/Reminders']").Count == 1);
    }

    [Fact]
    public void SignOut_ReturnsToThePageReachedLast()
    {
        SignInAs(PortalRoles.Officer, "olga@example.org", "Olga Officer");
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("requests");
        var menu = Render<UserMenu>();

        navigation.NavigateTo("audit");

        menu.WaitForAssertion(() => Assert.Equal("audit", menu.Find("input[name=ReturnUrl]").GetAttribute("value")));
    }
}
