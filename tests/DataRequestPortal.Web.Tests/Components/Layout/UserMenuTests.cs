using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Layout;
using DataRequestPortal.Web.Tests.TestSupport;
using MudBlazor;

namespace DataRequestPortal.Web.Tests.Components.Layout;

public class UserMenuTests : PortalTestContext
{
    [Fact]
    public void ShowsWhoIsSignedIn_AndOffersPasswordChangeAndSignOut()
    {
        var user = SignInAs(PortalRoles.Officer, "olga@example.org", "Olga Officer");
        var popovers = Render<MudPopoverProvider>();

        var menu = Render<UserMenu>(parameters => parameters
            .Add(p => p.User, user)
            .Add(p => p.ReturnUrl, "admin/staff"));

        Assert.Contains("Olga Officer", menu.Find("[data-testid=user-menu]").TextContent);
        Assert.Contains("Officer", menu.Find(".portal-user-role").TextContent);
        Assert.Equal("OO", menu.Find(".mud-avatar").TextContent.Trim());

        menu.Find("[data-testid=user-menu]").Click();

        popovers.WaitForAssertion(() => Assert.Contains("Sign out", popovers.Markup));
        Assert.Contains("olga@example.org", popovers.Markup);
        Assert.NotNull(popovers.Find("a[href='Account/Manage/ChangePassword']"));
        var form = popovers.Find("form.portal-signout");
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("admin/staff", popovers.Find("input[name=ReturnUrl]").GetAttribute("value"));
    }
}
