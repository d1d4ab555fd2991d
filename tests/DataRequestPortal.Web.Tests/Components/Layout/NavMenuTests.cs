using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Layout;
using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Components.Layout;

public class NavMenuTests : PortalTestContext
{
    [Fact]
    public void Admin_SeesTheOverviewAndTheAdministration()
    {
        SignInAs(PortalRoles.Admin);

        var menu = Render<NavMenu>();

        Assert.Equal(["Overview", "Requests", "Reports", "Audit log", "Staff accounts", "API tokens", "Sources", "API reference"], menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToArray());
        Assert.NotNull(menu.Find("a[href='admin/staff']"));
        Assert.Contains("Administration", menu.Markup);
    }

    [Theory]
    [InlineData(PortalRoles.Officer)]
    [InlineData(PortalRoles.Auditor)]
    public void OtherStaff_SeeNoAdministration(string role)
    {
        SignInAs(role);

        var menu = Render<NavMenu>();

        Assert.Equal(["Overview", "Requests", "Reports", "Audit log", "API reference"], menu.FindAll("a.mud-nav-link").Select(a => a.TextContent.Trim()).ToArray());
        Assert.Empty(menu.FindAll("a[href^='admin/']"));
        Assert.DoesNotContain("Administration", menu.Markup);
    }
}
