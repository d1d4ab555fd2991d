using DataRequestPortal.Core.Identity;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>An auditor reads the compliance report of the demo history and narrows it to one quarter.</summary>
public class ReportsTests : PortalSession
{
    private const string Auditor = "rita.auditor@example.com";
    private const string Password = "Staff-Pass-2026!";

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Seed:DemoRequests"] = "true",
        ["Seed:AdminEmail"] = "admin@example.com",
    };

    [Fact]
    public async Task AnAuditor_ReadsTheYearsFigures_AndChoosesAQuarter()
    {
        await Portal.CreateStaffAsync(Auditor, Password, PortalRoles.Auditor);
        var year = DateTime.UtcNow.AddMonths(-6).Year;

        await Page.GotoAsync($"/reports?year={year}");
        await SignInAsync(Auditor, Password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Reports", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Page.Locator("[data-testid=figure-received] [data-testid=figure-value]")).Not.ToHaveTextAsync("0");
        await Browser.ScreenshotAsync(Page, "70-reports-year");

        await Page.GotoAsync($"/reports?year={year}&quarter=2");
        await Expect(Page.Locator("[data-testid=report-figures] h2")).ToContainTextAsync($"Q2 {year}");
        Assert.Equal(3, await Page.Locator("[data-testid^=month-]").CountAsync());
    }
}
