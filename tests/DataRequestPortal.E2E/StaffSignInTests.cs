using DataRequestPortal.Core.Collection;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

public partial class StaffSignInTests : PortalSession
{
    // The counts below are of requests as filed; a running collector would move them on.
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string> { ["Collection:Enabled"] = "false" };

    [Fact]
    public async Task DevelopmentAdmin_SignsIn_AndSeesTheRequestCountsByState()
    {
        await FileRequestsAsync(queued: 2, cancelled: 1);
        var (email, password) = PortalProcess.DevelopmentAdmin();

        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(SignInUrl());
        await Browser.ScreenshotAsync(Page, "01-sign-in");
        await SignInAsync(email, password);

        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Expect(Page.GetByText("3 requests in all, 2 open.")).ToBeVisibleAsync();
        await Expect(Count("Queued")).ToHaveTextAsync("2");
        await Expect(Count("Cancelled")).ToHaveTextAsync("1");
        await Expect(Count("Completed")).ToHaveTextAsync("0");
        await Expect(Page.GetByTestId("user-menu")).ToContainTextAsync("Administrator");
        await Expect(Page.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "02-overview");

        await Page.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Cell, new() { Name = email })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "03-staff-accounts");
    }

    [Fact]
    public async Task WrongPasswords_SlowDownTheGuessingBrowser_ButNeverKeepTheOwnerOut()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/Account/Login");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        await Page.GetByTestId("user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(SignInUrl());

        // Someone else, from the same machine, guesses the admin's password.
        var guesser = await NewBrowserPageAsync();
        await guesser.GotoAsync("/Account/Login");
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await SignInAsync(guesser, email, $"Wrong-Password-{attempt}");
            await Expect(guesser.GetByRole(AriaRole.Alert)).ToHaveTextAsync("The email address or password is not correct.");
        }

        await SignInAsync(guesser, email, "Wrong-Password-6");
        await Expect(guesser.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many sign-in attempts from here. Wait");
        await Browser.ScreenshotAsync(guesser, "04-too-many-attempts");
        await SignInAsync(guesser, email, password);
        await Expect(guesser.GetByRole(AriaRole.Alert)).ToContainTextAsync("Too many sign-in attempts from here.");

        // The owner, in the browser they signed in with before, is not slowed down by it.
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SignOut_FromTheUserMenu_EndsTheSession()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/admin/staff");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Staff accounts" })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();

        await Page.GetByTestId("user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();

        await Expect(Page).ToHaveURLAsync(SignInUrl());
        await Page.GotoAsync("/");
        await Expect(Page).ToHaveURLAsync(SignInUrl());
    }

    [Fact]
    public async Task ACopiedSessionCookie_OpensNothing_AfterTheOwnerSignedOut()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        var session = (await Page.Context.CookiesAsync()).Single(c => c.Name == "DataRequestPortal.Session");

        // Someone copies the cookie into a browser of their own; it works while the session lasts.
        var copy = await NewBrowserPageAsync();
        await copy.Context.AddCookiesAsync([new Cookie { Name = session.Name, Value = session.Value, Domain = session.Domain, Path = session.Path }]);
        await copy.GotoAsync("/");
        await Expect(copy.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();

        await WaitUntilInteractiveAsync();
        await Page.GetByTestId("user-menu").ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page).ToHaveURLAsync(SignInUrl());

        await copy.GotoAsync("/requests");
        await Expect(copy).ToHaveURLAsync(SignInUrl());
        await Browser.ScreenshotAsync(copy, "06-copied-cookie-after-sign-out");
    }

    [Fact]
    public async Task DarkTheme_IsRememberedAcrossPages()
    {
        var (email, password) = PortalProcess.DevelopmentAdmin();
        await Page.GotoAsync("/");
        await SignInAsync(email, password);
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await WaitUntilInteractiveAsync();
        var lightBackground = await BackgroundColourAsync();

        await Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        await Page.ReloadAsync();
        await WaitUntilInteractiveAsync();

        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
        Assert.NotEqual(lightBackground, await BackgroundColourAsync());
        await Browser.ScreenshotAsync(Page, "05-overview-dark");
    }

    private ILocator Count(string state) => Page.GetByTestId($"count-{state}").GetByTestId("count-value");

    private Task<string> BackgroundColourAsync() =>
        Page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private async Task FileRequestsAsync(int queued, int cancelled)
    {
        var clock = new ComplianceClock(TimeProvider.System, TimeZoneInfo.Utc);
        var filing = new RequestFiling(Portal.DbContextFactory(), clock, new RequestStatusNotifier());
        var officer = Actor.Staff("officer@example.com");
        for (var i = 0; i < queued + cancelled; i++)
        {
            var request = await filing.FileAsync(Subject.Create(SubjectType.Email, $"subject{i}@example.com"), RequestChannel.Staff, officer);
            if (i >= queued)
            {
                await using var db = Portal.CreateDbContext();
                var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
                stored.Cancel(officer, clock, "Withdrawn by the subject");
                await db.SaveChangesAsync();
            }
        }
    }

    [GeneratedRegex("/Account/Login")]
    private static partial Regex SignInUrl();
}
