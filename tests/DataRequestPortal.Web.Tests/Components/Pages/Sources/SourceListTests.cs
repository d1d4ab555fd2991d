using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Web.Components.Pages.Sources;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Pages.Sources;

public class SourceListTests : AdminTestContext
{
    protected override void AddPageServices()
    {
        var options = new PlatformStoreOptions { Title = "Mailing platform" };
        options.Facts.Purposes = ["Sending the newsletters you signed up for", "Measuring opens and clicks"];
        options.Facts.Retention = "24 months after the last mail";
        Services.AddSingleton(new SourceCatalog([new PlatformStoreSource(Database, options)]));
        Services.AddSingleton<SourceChecks>();
    }

    [Fact]
    public void Page_ShowsEachSourcesCategoriesAndArt15Facts()
    {
        var page = Render<SourceList>();

        var card = page.Find("[data-source=platform]");
        Assert.Contains("Mailing platform", card.TextContent);
        Assert.Contains("Portal database", card.TextContent);
        Assert.Contains("survey", card.TextContent);
        Assert.Equal(["Sending the newsletters you signed up for", "Measuring opens and clicks"], card.QuerySelector(".source-fact-list")!.QuerySelectorAll("li").Select(li => li.TextContent).ToArray());
        Assert.Contains("24 months after the last mail", card.TextContent);
    }

    [Fact]
    public async Task TestConnection_ShowsTheOutcomeOnTheCard_AndRecordsIt()
    {
        var page = Render<SourceList>();

        await page.InvokeAsync(() => page.Find("[data-source=platform] [data-testid=test-connection]").Click());

        page.WaitForAssertion(() => Assert.Contains("Reachable", page.Find("[data-source=platform] [data-testid=test-result]").TextContent));
        Assert.Contains("The portal's own database answered.", page.Find("[data-testid=test-result]").TextContent);
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.SourceTested, "platform", AdminEmail), (entry.Action, entry.Target, entry.ActorName));
    }

    [Fact]
    public async Task TestConnection_ByAnAuditorOnAStalePage_IsRefused_AndNothingIsRecorded()
    {
        SignInAs(PortalRoles.Auditor, "audrey@example.org", "Audrey Auditor");
        var page = Render<SourceList>();

        await page.InvokeAsync(() => page.Find("[data-testid=test-connection]").Click());

        Assert.Empty(page.FindAll("[data-testid=test-result]"));
        Assert.Empty(await AuditAsync());
    }
}
