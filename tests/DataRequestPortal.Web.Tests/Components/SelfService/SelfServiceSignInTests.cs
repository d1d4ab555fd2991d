using System.Net;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.SubjectSignInCalls;

namespace DataRequestPortal.Web.Tests.Components.SelfService;

/// <summary>A data subject proving their address on /my-data, as a browser does it: forms, cookies, the emailed code and link.</summary>
public class SelfServiceSignInTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SelfServiceSignInTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task RequestCode_KnownAndUnknownAddress_GetTheSamePageAndTheSameMail()
    {
        // jane.doe has 187 records in the development platform store; the other address has none.
        const string known = "jane.doe@example.com";
        var unknown = $"nobody-{Guid.NewGuid():N}@example.org";
        var first = factory.CreateBrowserLikeClient();
        var second = factory.CreateBrowserLikeClient();

        var knownTarget = PortalFactory.RedirectTarget(await RequestCodeAsync(first, known));
        var unknownTarget = PortalFactory.RedirectTarget(await RequestCodeAsync(second, unknown));
        var knownPage = await PageAsync(first, knownTarget);
        var unknownPage = await PageAsync(second, unknownTarget);

        Assert.Equal(VerifyPath, knownTarget);
        Assert.Equal(VerifyPath, unknownTarget);
        Assert.Equal(Normalise(knownPage, known), Normalise(unknownPage, unknown));
        var knownMail = factory.MailsTo(known).Last();
        var unknownMail = factory.MailsTo(unknown).Single();
        var (knownCode, knownLink) = factory.LatestCode(known);
        var (unknownCode, unknownLink) = factory.LatestCode(unknown);
        Assert.Equal((knownMail.Subject ?? "").Replace(knownCode, "CODE", StringComparison.Ordinal), (unknownMail.Subject ?? "").Replace(unknownCode, "CODE", StringComparison.Ordinal));
        Assert.Equal(
            (knownMail.TextBody ?? "").Replace(knownCode, "CODE", StringComparison.Ordinal).Replace(knownLink, "LINK", StringComparison.Ordinal),
            (unknownMail.TextBody ?? "").Replace(unknownCode, "CODE", StringComparison.Ordinal).Replace(unknownLink, "LINK", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RequestCode_MalformedAddress_IsExplainedOnTheForm_AndNothingIsSent()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await RequestCodeAsync(client, "jane.doe@@example");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("is not a valid email address", page);
        Assert.Contains("aria-invalid=\"true\"", page);
        Assert.Empty(factory.MailsTo("jane.doe@@example"));
    }

    [Fact]
    public async Task EnterCode_RightCode_SignsInAndFilesAVerifiedSelfServiceRequestForExactlyThatAddress()
    {
        var email = $"Subject-{Guid.NewGuid():N}@Example.org";
        var client = factory.CreateBrowserLikeClient();

        var target = await factory.SignInAsync(client, email);

        Assert.StartsWith(RequestsPath + "?filed=", target);
        var request = await factory.LoadRequestAsync(RequestIdIn(target).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(RequestChannel.SelfService, request.Channel);
        Assert.Equal(email.ToLowerInvariant(), request.SubjectId);
        Assert.NotEqual(RequestState.Unverified, request.State);
        Assert.Contains(request.Timeline, e => e.FromState == RequestState.Unverified && e.ToState == RequestState.Queued);
        var page = await PageAsync(client, target);
        Assert.Contains(SubjectTexts.Filed(request.Id), page);
        var receipt = await factory.WaitForMailAsync(email, m => (m.Subject ?? "").Contains("has received your request", StringComparison.Ordinal));
        Assert.Contains(request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), receipt.TextBody ?? "");
    }

    [Fact]
    public async Task EnterCode_ThenTheLinkFromTheSameEmail_IsAlreadyUsed()
    {
        var email = $"once-{Guid.NewGuid():N}@example.org";
        var client = factory.CreateBrowserLikeClient();
        await RequestCodeAsync(client, email);
        var (code, link) = factory.LatestCode(email);

        Assert.StartsWith(RequestsPath, PortalFactory.RedirectTarget(await EnterCodeAsync(client, code)));
        var page = await PageAsync(client, $"{VerifyPath}?link={link}");

        Assert.Contains(SubjectTexts.AlreadyUsed, page);
        Assert.Equal(1, await CountSelfServiceRequestsAsync(email));
    }

    [Fact]
    public async Task EnterCode_SixthWrongCode_IsRefusedAndEvenTheRightCodeNoLongerWorks()
    {
        var email = $"guess-{Guid.NewGuid():N}@example.org";
        var client = factory.CreateBrowserLikeClient();
        await RequestCodeAsync(client, email);
        var (code, _) = factory.LatestCode(email);
        var wrong = code == "000000" ? "000001" : "000000";

        for (var left = 4; left >= 1; left--)
        {
            var page = WebUtility.HtmlDecode(await (await EnterCodeAsync(client, wrong)).Content.ReadAsStringAsync());
            Assert.Contains(SubjectTexts.WrongCode(left), page);
        }

        var fifth = WebUtility.HtmlDecode(await (await EnterCodeAsync(client, wrong)).Content.ReadAsStringAsync());
        var withTheRightCode = await EnterCodeAsync(client, code);

        Assert.Contains(SubjectTexts.TooManyAttempts, fifth);
        Assert.Equal(HttpStatusCode.OK, withTheRightCode.StatusCode);
        Assert.Contains(SubjectTexts.TooManyAttempts, WebUtility.HtmlDecode(await withTheRightCode.Content.ReadAsStringAsync()));
        Assert.Equal(0, await CountSelfServiceRequestsAsync(email));
        await using var db = await DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.SignInFailed && e.Target == email));
    }

    [Fact]
    public async Task Link_OpenedInAnotherBrowser_IsRefusedWithoutUsingItUp_ThenWorksInTheAskingBrowser()
    {
        var email = $"link-{Guid.NewGuid():N}@example.org";
        var asking = factory.CreateBrowserLikeClient();
        var other = factory.CreateBrowserLikeClient();
        await RequestCodeAsync(asking, email);
        var (_, link) = factory.LatestCode(email);

        var elsewhere = await other.GetAsync($"{VerifyPath}?link={link}");
        var otherRequests = await other.GetAsync(RequestsPath);
        var here = await asking.GetAsync($"{VerifyPath}?link={link}");

        Assert.Equal(HttpStatusCode.OK, elsewhere.StatusCode);
        Assert.Contains(SubjectTexts.OtherBrowser, WebUtility.HtmlDecode(await elsewhere.Content.ReadAsStringAsync()));
        Assert.Equal("/my-data?then=requests", PortalFactory.RedirectTarget(otherRequests));
        Assert.StartsWith(RequestsPath + "?filed=", PortalFactory.RedirectTarget(here));
    }

    [Fact]
    public async Task Link_MadeUp_IsExplained()
    {
        var page = await PageAsync(factory.CreateBrowserLikeClient(), $"{VerifyPath}?link=not-a-real-token");

        Assert.Contains(SubjectTexts.UnknownLink, page);
    }

    [Fact]
    public async Task SignIn_Again_ShowsTheActiveRequestInsteadOfFilingAnother()
    {
        // Collection is off, so the first request stays queued (active) however long the test takes.
        using var held = new PortalFactory();
        held.Settings["Collection:Enabled"] = "false";
        var email = $"twice-{Guid.NewGuid():N}@example.org";
        var first = await held.SignInAsync(held.CreateBrowserLikeClient(), email);
        var secondClient = held.CreateBrowserLikeClient();

        var second = await held.SignInAsync(secondClient, email);

        Assert.Equal($"{RequestsPath}?active={RequestIdIn(first)}", second);
        Assert.Contains(SubjectTexts.AlreadyActive(RequestIdIn(first)), await PageAsync(secondClient, second));
        await using var db = await held.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.DataRequests.CountAsync(r => r.SubjectId == email));
    }

    [Fact]
    public async Task SignIn_AfterTheRequestCompleted_FilesANewOne()
    {
        var email = $"again-{Guid.NewGuid():N}@example.org";
        var first = RequestIdIn(await factory.SignInAsync(factory.CreateBrowserLikeClient(), email));
        await factory.WaitForStateAsync(first, RequestState.Completed);

        var second = RequestIdIn(await factory.SignInAsync(factory.CreateBrowserLikeClient(), email));

        Assert.NotEqual(first, second);
        Assert.Equal(2, await CountSelfServiceRequestsAsync(email));
    }

    [Fact]
    public async Task SignIn_ToSeeRequests_FilesNothing()
    {
        var email = $"viewer-{Guid.NewGuid():N}@example.org";
        var client = factory.CreateBrowserLikeClient();

        var target = await factory.SignInAsync(client, email, viewOnly: true);

        Assert.Equal(RequestsPath, target);
        Assert.Equal(0, await CountSelfServiceRequestsAsync(email));
        Assert.Contains(SubjectTexts.NoRequests, await PageAsync(client, target));
    }

    [Fact]
    public async Task SignIn_WithAStaffAddress_IsRefusedAndFilesNothing()
    {
        const string staff = "officer-self@test.example";
        await factory.CreateStaffAsync(staff, "Staff-Pass-2026!", PortalRoles.Officer);
        var client = factory.CreateBrowserLikeClient();
        await RequestCodeAsync(client, staff);

        var response = await EnterCodeAsync(client, factory.LatestCode(staff).Code);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains(SubjectTexts.StaffAddress, page);
        Assert.DoesNotContain(SubjectTexts.NewCodeLink, page);
        Assert.Contains(SubjectTexts.StaffSignInLink, page);
        Assert.Equal("/my-data?then=requests", PortalFactory.RedirectTarget(await client.GetAsync(RequestsPath)));
        Assert.Equal(0, await CountSelfServiceRequestsAsync(staff));
    }

    [Fact]
    public async Task SignOut_EndsTheSubjectsSession()
    {
        var email = $"leaving-{Guid.NewGuid():N}@example.org";
        var client = factory.CreateBrowserLikeClient();
        var target = await factory.SignInAsync(client, email);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, target);

        var response = await client.PostAsync("/my-data/sign-out", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        Assert.Equal("/my-data?signedout=true", PortalFactory.RedirectTarget(response));
        Assert.Contains(SubjectTexts.SignedOut, await PageAsync(client, "/my-data?signedout=true"));
        Assert.Equal("/my-data?then=requests", PortalFactory.RedirectTarget(await client.GetAsync(RequestsPath)));
    }

    [Fact]
    public async Task RequestCode_FloodingFromOneClient_IsRefusedCalmly_AndSendsNothingMore()
    {
        using var limited = new PortalFactory();
        limited.Settings["SelfService:CodesPerClientPerHour"] = "2";
        var client = limited.CreateBrowserLikeClient();
        await RequestCodeAsync(client, "flood-1@example.org");
        await RequestCodeAsync(client, "flood-2@example.org");

        var third = await RequestCodeAsync(client, "flood-3@example.org");

        Assert.Equal(HttpStatusCode.OK, third.StatusCode);
        Assert.Contains("Too many codes have been asked for from your network", WebUtility.HtmlDecode(await third.Content.ReadAsStringAsync()));
        Assert.Empty(limited.MailsTo("flood-3@example.org"));
    }

    [Fact]
    public async Task RequestCode_SixthForOneAddressWithinAnHour_IsRefused_AndTheMailboxGetsNoMore()
    {
        var email = $"bombed-{Guid.NewGuid():N}@example.org";
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(VerifyPath, PortalFactory.RedirectTarget(await RequestCodeAsync(factory.CreateBrowserLikeClient(), email)));
        }

        var sixth = await RequestCodeAsync(factory.CreateBrowserLikeClient(), email);

        Assert.Contains("We have already sent several codes to this address", WebUtility.HtmlDecode(await sixth.Content.ReadAsStringAsync()));
        Assert.Equal(5, factory.MailsTo(email).Count);
    }

    [Fact]
    public async Task RequestsPage_DeniedRequest_ShowsTheReasonAndWhereToComplain()
    {
        using var denying = new PortalFactory();
        denying.Settings["Collection:Enabled"] = "false";
        denying.Settings["Organisation:SupervisoryAuthority:Name"] = "Autoriteit Persoonsgegevens";
        denying.Settings["Organisation:SupervisoryAuthority:Url"] = "https://autoriteitpersoonsgegevens.nl/";
        var email = $"denied-{Guid.NewGuid():N}@example.org";
        var client = denying.CreateBrowserLikeClient();
        var id = RequestIdIn(await denying.SignInAsync(client, email));
        var actions = denying.Services.GetRequiredService<RequestActions>();
        var request = await denying.LoadRequestAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await actions.ApplyAsync(new RequestActionCommand(id, RequestActions.LastEntryId(request), RequestAction.Deny, "We could not match this address to any customer record."), Actor.Staff("officer@test.example"));

        var page = await PageAsync(client, RequestsPath);

        Assert.Contains(SubjectTexts.State(RequestState.Denied), page);
        Assert.Contains("We could not match this address to any customer record.", page);
        Assert.Contains(SubjectTexts.ComplaintAt("Autoriteit Persoonsgegevens"), page);
        Assert.Contains("https://autoriteitpersoonsgegevens.nl/", page);
        Assert.DoesNotContain("officer@test.example", page);
        var notice = await denying.WaitForMailAsync(email, m => (m.Subject ?? "").StartsWith("News about your request", StringComparison.Ordinal));
        // The mail says why and where to complain, as the page does; it names no member of staff.
        Assert.Contains("could not match this address", notice.TextBody ?? "");
        Assert.Contains("https://autoriteitpersoonsgegevens.nl/", notice.TextBody ?? "");
        Assert.DoesNotContain("officer@test.example", notice.TextBody ?? "");
    }

    [Fact]
    public async Task StaffSignInForm_WithASubjectsAddress_AnswersLikeAnUnknownAddress_EvenAfterManyTries()
    {
        var email = $"quiet-{Guid.NewGuid():N}@example.org";
        var unknown = $"never-{Guid.NewGuid():N}@example.org";
        await factory.SignInAsync(factory.CreateBrowserLikeClient(), email, viewOnly: true);
        var forSubject = factory.CreateBrowserLikeClient(from: "198.51.100.71");
        var forUnknown = factory.CreateBrowserLikeClient(from: "198.51.100.72");

        for (var attempt = 0; attempt < 7; attempt++)
        {
            var subject = await PortalFactory.SignInAsync(forSubject, email, "Guessed-Pass-2026!");
            var stranger = await PortalFactory.SignInAsync(forUnknown, unknown, "Guessed-Pass-2026!");

            Assert.True(subject.StatusCode == HttpStatusCode.OK, $"attempt {attempt}: {subject.StatusCode} {subject.Headers.Location}");
            Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
            Assert.Equal(Answer(await stranger.Content.ReadAsStringAsync()), Answer(await subject.Content.ReadAsStringAsync()));
        }

        static string Answer(string html) => Regex.Match(WebUtility.HtmlDecode(html), "(The email address or password is not correct\\.|Too many sign-in attempts from here\\. Wait \\d+ minutes?)").Value;
    }

    [Fact]
    public async Task Pages_WithHandEditedAddresses_StillOpen()
    {
        var client = factory.CreateBrowserLikeClient();
        Assert.DoesNotContain(SubjectTexts.SignedOut, await PageAsync(client, "/my-data?signedout=yes"));
        await factory.SignInAsync(client, $"editor-{Guid.NewGuid():N}@example.org", viewOnly: true);

        foreach (var query in new[] { "?filed=abc", "?active=-1", "?filed=99999999999999999999999", "?filed=" })
        {
            var page = await PageAsync(client, RequestsPath + query);
            Assert.Contains(SubjectTexts.NoRequests, page);
        }
    }

    [Fact]
    public async Task VerifyPage_WithoutAskingFirst_SaysSo()
    {
        var page = await PageAsync(factory.CreateBrowserLikeClient(), VerifyPath);

        Assert.Contains(SubjectTexts.NoCodeRequested, page);
    }

    [Fact]
    public async Task ProvingALookAlikeAddress_NeverSignsIntoTheOtherSubjectsAccount()
    {
        var tag = Guid.NewGuid().ToString("N")[..12];
        var victim = $"jill.{tag}@example.net";
        var lookAlike = $"jıll.{tag}@example.net"; // dotless ı: Unicode upper-casing makes it "JILL"
        var filed = RequestIdIn(await factory.SignInAsync(factory.CreateBrowserLikeClient(from: "198.51.100.81"), victim));
        await factory.WaitForStateAsync(filed, RequestState.Completed);

        var attacker = factory.CreateBrowserLikeClient(from: "203.0.113.81");
        Assert.StartsWith(RequestsPath, await factory.SignInAsync(attacker, lookAlike, viewOnly: true), StringComparison.Ordinal);

        var page = await PageAsync(attacker, RequestsPath);
        Assert.Contains(SubjectTexts.NoRequests, page);
        Assert.DoesNotContain(filed.ToString(System.Globalization.CultureInfo.InvariantCulture), page);
        Assert.Equal(HttpStatusCode.NotFound, (await attacker.GetAsync($"{RequestsPath}/{filed}/download/json")).StatusCode);
        await using var db = await DbAsync();
        Assert.DoesNotContain(await db.AuditEntries.Where(e => e.DataRequestId == filed && e.Action == AuditAction.ResultDownloaded).ToListAsync(), _ => true);
        Assert.Equal(2, await db.Users.CountAsync(u => u.Email == victim || u.Email == lookAlike));
    }

    [Theory]
    [InlineData("p.janſen@example.net")]
    [InlineData("ｊane.doe@example.net")]
    [InlineData("jane.doe@ｅxample.net")]
    public async Task RequestCode_ALookAlikeForm_IsRefusedOnTheForm_AndNothingIsSent(string lookAlike)
    {
        var client = factory.CreateBrowserLikeClient(from: "203.0.113.82");

        var response = await RequestCodeAsync(client, lookAlike);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a valid email address", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var folded = lookAlike.ToUpperInvariant().ToLowerInvariant();
        var mails = Directory.Exists(Path.Combine(factory.DataDirectory, "mail")) ? Directory.GetFiles(Path.Combine(factory.DataDirectory, "mail"), "*.eml") : [];
        Assert.DoesNotContain(mails.Select(path => MimeKit.MimeMessage.Load(path)), m => m.To.Mailboxes.Any(b => b.Address == lookAlike || b.Address == folded));
    }

    [Fact]
    public async Task EnterCode_ANonAsciiAddressWithoutAnAccount_SignsIn()
    {
        var email = $"jörg.{Guid.NewGuid():N}@example.net";
        var client = factory.CreateBrowserLikeClient(from: "198.51.100.83");

        var target = await factory.SignInAsync(client, email, viewOnly: true);

        Assert.StartsWith(RequestsPath, target, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(RequestsPath)).StatusCode);
    }

    private async Task<int> CountSelfServiceRequestsAsync(string email)
    {
        await using var db = await DbAsync();
        var address = email.ToLowerInvariant();
        return await db.DataRequests.CountAsync(r => r.Channel == RequestChannel.SelfService && r.SubjectId == address);
    }

    private Task<PortalDbContext> DbAsync() => factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static string Normalise(string page, string email) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(page.Replace(email, "ADDRESS", StringComparison.Ordinal), "value=\"[^\"]*\"", "value=\"\""),
            "<!--Blazor-Server-Component-State:[^>]*-->", "");
}
