using System.Net;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Account;

public class RemindersTests : IClassFixture<PortalFactory>
{
    private const string Password = "Reminder-Pass-2026";
    private const string Page = "/Account/Manage/Reminders";

    private readonly PortalFactory factory;

    public RemindersTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task Officer_TicksTheDailyDigest_AndUnticksItAgain()
    {
        const string email = "digest-officer@test.example";
        var browser = await factory.SignedInStaffAsync(email, Password, PortalRoles.Officer);
        Assert.Contains("Email me a daily digest", await (await browser.GetAsync(Page)).Content.ReadAsStringAsync());

        var on = await SaveAsync(browser, wants: true);
        Assert.Contains("Saved: the daily digest comes to", await on.Content.ReadAsStringAsync());
        Assert.True((await UserAsync(email)).WantsDailyDigest);
        Assert.Contains("checked", CheckboxOf(await (await browser.GetAsync(Page)).Content.ReadAsStringAsync()));

        await SaveAsync(browser, wants: false);
        Assert.False((await UserAsync(email)).WantsDailyDigest);
    }

    [Fact]
    public async Task Auditor_IsNotOfferedTheDigest_AndCannotTurnItOn()
    {
        const string email = "digest-auditor@test.example";
        var browser = await factory.SignedInStaffAsync(email, Password, PortalRoles.Auditor);
        var html = await (await browser.GetAsync(Page)).Content.ReadAsStringAsync();
        Assert.Contains("your role does not receive it", html);
        Assert.DoesNotContain("Email me a daily digest", html);

        var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/Account/Manage/ChangePassword");
        var posted = await browser.PostAsync(Page, Form(token, wants: true));

        // The page has no such form for an auditor, so the post is refused as one.
        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.False((await UserAsync(email)).WantsDailyDigest);
    }

    private static async Task<HttpResponseMessage> SaveAsync(HttpClient browser, bool wants)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(browser, Page);
        var response = await browser.PostAsync(Page, Form(token, wants));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    // A browser posts an unticked box as nothing at all.
    private static FormUrlEncodedContent Form(string token, bool wants) => new(new Dictionary<string, string>
    {
        ["_handler"] = "reminders",
        ["__RequestVerificationToken"] = token,
    }.Concat(wants ? [new KeyValuePair<string, string>("Input.WantsDailyDigest", "true")] : []));

    private static string CheckboxOf(string html)
    {
        var start = html.IndexOf("id=\"Input.WantsDailyDigest\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "No digest checkbox on the page.");
        var open = html.LastIndexOf('<', start);
        return html[open..html.IndexOf('>', start)];
    }

    private async Task<PortalUser> UserAsync(string email)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email))!;
    }
}
