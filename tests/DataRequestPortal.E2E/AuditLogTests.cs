using System.Text.RegularExpressions;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>The audit log's day range in a real browser, where the date picker's own key handling runs.</summary>
public class AuditLogTests : PortalSession
{
    [Fact]
    public async Task ADateTypedAndEntered_FiltersTheLog_AndTheCalendarButtonsSayWhichDayTheyChoose()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/audit");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Choose the first day" })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Choose the last day" })).ToBeVisibleAsync();

        await Page.Locator("#audit-from").FillAsync("2026-01-01");
        await Page.Locator("#audit-from").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/audit\\?from=2026-01-01$"));

        await Page.Locator("#audit-to").FillAsync("2099-12-31");
        await Page.Locator("#audit-to").PressAsync("Enter");
        await Expect(Page).ToHaveURLAsync(new Regex("/audit\\?from=2026-01-01&to=2099-12-31$"));
        await Expect(Page.Locator("#audit-from")).ToHaveValueAsync("2026-01-01");

        // Enter applied the dates; neither calendar opened.
        await Expect(Page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
    }
}
