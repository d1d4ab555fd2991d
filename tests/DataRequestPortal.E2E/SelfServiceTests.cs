using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// Data subjects on their own: ask with an address, read the code from the mail the portal wrote, follow the request
/// live and download it; nobody sees another's request, and an emailed link works only in the browser that asked.
/// </summary>
public class SelfServiceTests : PortalSession
{
    private const string Jane = "jane.doe@example.com";
    private const string Max = "max.mustermann@example.com";
    private readonly GatedRecordServer records = new();

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task ASubjectAsksWithTheEmailedCode_WatchesTheRequestCompleteWithoutReloading_AndDownloadsIt()
    {
        var mail = await AskForCodeAsync(Page, Jane);
        Assert.Equal(new Uri(Portal.BaseAddress, "/my-data/verify").AbsoluteUri, mail.Link!.GetLeftPart(UriPartial.Path));
        await Browser.ScreenshotAsync(Page, "60-self-service-check-your-email");

        var id = await EnterCodeAsync(Page, mail);
        await WaitUntilInteractiveAsync();
        await Page.EvaluateAsync("() => window.notReloaded = true");
        var request = Request(Page, id);
        await Expect(Page.Locator("[data-testid=subject-notice]")).ToContainTextAsync(SubjectTexts.Filed(id));
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Collecting));
        await Expect(request.Locator("[data-testid=subject-download-json]")).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(Page, "61-self-service-collecting");
        var receipt = await Portal.WaitForMailAsync(Jane, m => m.RequestId == Id(id));
        Assert.Contains($"Its number is {id}.", receipt.Text, StringComparison.Ordinal);
        Assert.Contains(new Uri(Portal.BaseAddress, "/my-data/requests").AbsoluteUri, receipt.Text, StringComparison.Ordinal);

        records.Open(Jane);
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Completed));
        await Expect(request.Locator("[data-testid=subject-download-json]")).ToBeVisibleAsync();
        Assert.True(await Page.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page was reloaded.");
        await Browser.ScreenshotAsync(Page, "62-self-service-ready");
        var ready = await Portal.WaitForMailAsync(Jane, m => m.RequestId == Id(id) && m.Text.Contains($"Your request {id} is complete.", StringComparison.Ordinal));
        Assert.DoesNotContain("gold", ready.Text + ready.Html, StringComparison.Ordinal); // What the CRM holds stays out of the mail.

        var shown = (await request.Locator(".subject-fingerprint").TextContentAsync())!.Trim();
        var stored = await Portal.WaitForRequestAsync(id, r => r.State == RequestState.Completed);
        Assert.Equal(SubjectTexts.Fingerprint(stored.Result!.Sha256), shown);

        var download = await Page.RunAndWaitForDownloadAsync(() => request.Locator("[data-testid=subject-download-json]").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal(stored.Result.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using (var json = JsonDocument.Parse(bytes))
        {
            Assert.Equal(Jane, json.RootElement.GetProperty("info").GetProperty("id").GetString());
        }

        var pdf = await Page.APIRequest.GetAsync(DownloadUrl(id, "pdf"));
        Assert.Equal(200, pdf.Status);
        Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.BodyAsync())[..4]), StringComparison.Ordinal);

        // Signing out ends the session: the downloads are closed to this browser again.
        await Page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.SignOut, Exact = true }).ClickAsync();
        await Expect(Page.GetByText(SubjectTexts.SignedOut)).ToBeVisibleAsync();
        var afterSignOut = await Page.APIRequest.GetAsync(DownloadUrl(id, "json"), new() { MaxRedirects = 0 });
        Assert.NotEqual(200, afterSignOut.Status);
    }

    [Fact]
    public async Task AnotherSubject_CannotSeeOrDownloadTheFirstSubjectsRequest()
    {
        var first = await EnterCodeAsync(Page, await AskForCodeAsync(Page, Jane));
        records.Open(Jane);
        await Portal.WaitForRequestAsync(first, r => r.State == RequestState.Completed);
        Assert.Equal(200, (await Page.APIRequest.GetAsync(DownloadUrl(first, "json"))).Status);

        // Max, on his phone: a browser of his own.
        var phone = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        var own = await EnterCodeAsync(phone, await AskForCodeAsync(phone, Max));
        Assert.NotEqual(first, own);
        await Expect(phone.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(Request(phone, own)).ToBeVisibleAsync();
        await Expect(Request(phone, first)).ToHaveCountAsync(0);
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = SubjectTexts.RequestHeading(first), Exact = true })).ToHaveCountAsync(0);
        await Browser.ScreenshotAsync(phone, "63-self-service-phone-own-requests");

        foreach (var format in new[] { "json", "pdf" })
        {
            var response = await phone.APIRequest.GetAsync(DownloadUrl(first, format), new() { MaxRedirects = 0 });
            Assert.Equal(404, response.Status);
            Assert.DoesNotContain(Jane, await response.TextAsync(), StringComparison.OrdinalIgnoreCase);
        }

        var navigated = await phone.GotoAsync(DownloadUrl(first, "json"));
        Assert.Equal(404, navigated!.Status);

        // A number typed into the address says nothing about someone else's request.
        foreach (var query in new[] { "filed", "active" })
        {
            await phone.GotoAsync($"/my-data/requests?{query}={first}");
            await Expect(phone.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            await Expect(Request(phone, own)).ToBeVisibleAsync();
            await Expect(phone.Locator("[data-testid=subject-notice]")).ToHaveCountAsync(0);
            await Expect(Request(phone, first)).ToHaveCountAsync(0);
            Assert.DoesNotMatch($@"\b{SubjectTexts.RequestHeading(first)}\b", await phone.Locator("body").InnerTextAsync());
        }

        await Browser.ScreenshotAsync(phone, "64-self-service-phone-foreign-number");
    }

    [Fact]
    public async Task TheEmailedLink_WorksOnlyInTheBrowserThatAsked()
    {
        var mail = await AskForCodeAsync(Page, Jane, viewOnly: true);
        Assert.NotNull(mail.Link);

        // Opened elsewhere — another browser, a mail preview, someone else: refused, and not signed in.
        var elsewhere = await NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await elsewhere.GotoAsync(mail.Link.AbsoluteUri);
        await Expect(elsewhere.GetByRole(AriaRole.Alert)).ToContainTextAsync(SubjectTexts.OtherBrowser);
        Assert.EndsWith("/my-data/verify", new Uri(elsewhere.Url).AbsolutePath, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(elsewhere, "65-self-service-link-other-browser");
        await elsewhere.GotoAsync("/my-data/requests");
        Assert.NotEqual("/my-data/requests", new Uri(elsewhere.Url).AbsolutePath);
        await Expect(elsewhere.GetByRole(AriaRole.Heading, new() { Name = SubjectTexts.RequestsTitle, Exact = true })).ToHaveCountAsync(0);

        // The same link in the browser that asked signs in (sign-in only: nothing is filed).
        await Page.GotoAsync(mail.Link.AbsoluteUri);
        await Page.WaitForURLAsync(new Regex("/my-data/requests$"));
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = SubjectTexts.RequestsTitle, Exact = true })).ToBeVisibleAsync();
        await Expect(Page.GetByText(SubjectTexts.SignedInAs(Jane)).First).ToBeVisibleAsync();
        await Expect(Page.GetByText(SubjectTexts.NoRequests)).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(Page, "66-self-service-link-signed-in");

        // The refused attempt did not sign the other browser in after the fact either, and the used link now works nowhere.
        await elsewhere.GotoAsync("/my-data/requests");
        Assert.NotEqual("/my-data/requests", new Uri(elsewhere.Url).AbsolutePath);
        await elsewhere.GotoAsync(mail.Link.AbsoluteUri);
        await Expect(elsewhere.GetByRole(AriaRole.Alert)).ToContainTextAsync(SubjectTexts.AlreadyUsed);
    }

    [Fact]
    public async Task AWrongCodeIsRefusedWithTheTriesLeft_TheRightOneStillWorks_ButOnlyOnce()
    {
        // A field in error says so to assistive technology too, not only in the text under it.
        await Page.GotoAsync("/my-data");
        await Page.Locator("#email").FillAsync("not an address");
        await Page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.SendCodeButton, Exact = true }).ClickAsync();
        await Expect(Page.Locator("#email-error")).ToBeVisibleAsync();
        await Expect(Page.Locator("#email")).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(Page.Locator("#email")).ToHaveAttributeAsync("aria-describedby", "email-error email-hint");

        var mail = await AskForCodeAsync(Page, Jane);
        await Expect(Page.Locator("#code")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        var wrong = mail.Code == "000000" ? "111111" : "000000";
        await Page.Locator("#code").FillAsync(wrong);
        await Page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.VerifyButton, Exact = true }).ClickAsync();
        await Expect(Page.Locator("#code-error")).ToHaveTextAsync(SubjectTexts.WrongCode(4));
        await Expect(Page.Locator("#code")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.EndsWith("/my-data/verify", new Uri(Page.Url).AbsolutePath, StringComparison.Ordinal);

        await Page.Locator("#code").FillAsync("12ab");
        await Page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.VerifyButton, Exact = true }).ClickAsync();
        await Expect(Page.Locator("#code-error")).ToHaveTextAsync(SubjectTexts.CodeMalformed);

        var id = await EnterCodeAsync(Page, mail);
        await Expect(Request(Page, id)).ToBeVisibleAsync();

        // Signed out, the same code (and link) cannot sign in again.
        await Page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.SignOut, Exact = true }).ClickAsync();
        await Expect(Page.GetByText(SubjectTexts.SignedOut)).ToBeVisibleAsync();
        await Page.GotoAsync(mail.Link!.AbsoluteUri);
        await Expect(Page.GetByRole(AriaRole.Alert)).ToContainTextAsync(SubjectTexts.AlreadyUsed);
        await Page.GotoAsync("/my-data/requests");
        Assert.NotEqual("/my-data/requests", new Uri(Page.Url).AbsolutePath);
    }

    [Fact]
    public async Task AnOfficerAsksTheSubject_TheSubjectAnswersOnTheirPage_AndTheClockRunsAgain()
    {
        const string Officer = "olga.officer@example.com";
        const string Password = "Staff-Pass-2026!";
        const string Question = "Which customer number is on your last invoice?";
        await Portal.CreateStaffAsync(Officer, Password, DataRequestPortal.Core.Identity.PortalRoles.Officer);
        var id = await EnterCodeAsync(Page, await AskForCodeAsync(Page, Jane));
        await WaitUntilInteractiveAsync();
        var request = Request(Page, id);
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Collecting));

        // The officer, in a browser of their own, pauses the request with a question.
        var desk = await NewPageAsync(new ViewportSize { Width = 1280, Height = 900 });
        await desk.GotoAsync($"/requests/{id}");
        await SignInAsync(desk, Officer, Password);
        await desk.WaitForURLAsync(new Regex($"/requests/{id}$"));
        await Expect(desk.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await desk.Locator("[data-testid=action-asksubject]").ClickAsync();
        await Expect(desk.Locator("[data-testid=ask-warning]")).ToContainTextAsync("emailed this message at once");
        await desk.Locator("#action-reason").FillAsync(Question);
        await Browser.ScreenshotAsync(desk, "65-officer-asks-the-subject");
        await desk.Locator("[data-testid=action-confirm]").ClickAsync();
        await Expect(desk.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Awaiting subject");
        await Expect(desk.Locator("[data-testid=detail-due]")).ToContainTextAsync("clock paused");

        // The subject's open page shows the question and the stopped clock without a reload; the mail carries the question too.
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.AwaitingSubject));
        await Expect(request.Locator("[data-testid=subject-question]")).ToContainTextAsync(Question);
        await Expect(request.Locator("[data-testid=subject-due]")).ToContainTextAsync("our deadline stands still");
        var asked = await Portal.WaitForMailAsync(Jane, m => m.RequestId == Id(id) && m.Text.Contains(Question, StringComparison.Ordinal));
        Assert.Contains(new Uri(Portal.BaseAddress, "/my-data/requests").AbsoluteUri, asked.Text, StringComparison.Ordinal);
        await Browser.ScreenshotAsync(Page, "66-self-service-question");

        await request.Locator($"#answer-{id}").FillAsync("4411, on the invoice of 2 March");
        await request.Locator("[data-testid=subject-answer-send]").ClickAsync();
        await Expect(Page.Locator("[data-testid=subject-notice]")).ToContainTextAsync(SubjectTexts.AnswerSent);
        await Expect(request.Locator("[data-testid=subject-question]")).ToHaveCountAsync(0);
        await Expect(request.Locator("[data-testid=subject-state]")).ToHaveTextAsync(SubjectTexts.State(RequestState.Collecting));
        await Browser.ScreenshotAsync(Page, "67-self-service-answered");

        // The officer sees the clock running again, and both steps in the timeline.
        await Expect(desk.Locator("[data-testid=detail-state]")).ToHaveTextAsync("Collecting");
        await Expect(desk.Locator("[data-testid=timeline]")).ToContainTextAsync("Resumed: the subject's answer");
        await Expect(desk.Locator("[data-testid=timeline]")).ToContainTextAsync("Paused: asked the subject");
        await Expect(desk.Locator("[data-testid=detail-due]")).Not.ToContainTextAsync("clock paused");
        await Browser.ScreenshotAsync(desk, "68-officer-sees-the-answer");
        var stored = await Portal.WaitForRequestAsync(id, r => r.State == RequestState.Collecting);
        Assert.Equal(SubjectQuestion.Identity, Assert.Single(stored.Pauses).Question);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await records.DisposeAsync();
    }

    private Task<CodeMail> AskForCodeAsync(IPage page, string address, bool viewOnly = false) => SubjectPages.AskForCodeAsync(Portal, page, address, viewOnly);

    private static Task<long> EnterCodeAsync(IPage page, CodeMail mail) => SubjectPages.EnterCodeAsync(page, mail);

    private Task<IPage> NewPageAsync(ViewportSize viewport) => NewBrowserPageAsync(viewport);

    private string DownloadUrl(long id, string format) => new Uri(Portal.BaseAddress, $"/my-data/requests/{id}/download/{format}").AbsoluteUri;

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static ILocator Request(IPage page, long id) => page.Locator($"[data-testid=subject-request-{id}]");
}
