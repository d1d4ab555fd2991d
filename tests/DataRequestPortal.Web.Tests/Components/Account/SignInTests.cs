using System.Net;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Account;

public class SignInTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SignInTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task SeededAdmin_SignsIn_AndIsTakenBackToThePageAskedFor()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword, returnUrl: "/admin/staff");

        Assert.Equal("/admin/staff", PortalFactory.RedirectTarget(response));
        var page = await client.GetAsync("/admin/staff");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(PortalFactory.AdminEmail, await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignIn_RecordsTheTimeOfTheLastSignIn()
    {
        var email = "last-sign-in@test.example";
        await factory.CreateStaffAsync(email, "Auditor-Pass-2026", PortalRoles.Auditor);

        await PortalFactory.SignInAsync(factory.CreateBrowserLikeClient(), email, "Auditor-Pass-2026");

        await using var scope = factory.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
        Assert.NotNull(user?.LastSignInAt);
    }

    [Fact]
    public async Task WrongPassword_AndUnknownAddress_GetTheSameMessage()
    {
        var client = factory.CreateBrowserLikeClient();

        var wrongPassword = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, "Not-The-Password-1");
        var unknownAddress = await PortalFactory.SignInAsync(client, "nobody@test.example", "Not-The-Password-1");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownAddress.StatusCode);
        Assert.Contains("The email address or password is not correct.", await wrongPassword.Content.ReadAsStringAsync());
        Assert.Contains("The email address or password is not correct.", await unknownAddress.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WrongPasswordsFromOneClient_DoNotKeepTheOwnerOut_FromAnotherClient()
    {
        const string email = "kept-in@test.example";
        const string password = "Officer-Pass-2026";
        await factory.CreateStaffAsync(email, password, PortalRoles.Officer);
        var attacker = factory.CreateBrowserLikeClient(from: "203.0.113.10");

        for (var attempt = 1; attempt <= SignInThrottlePolicy.FreeAttemptsPerAddress + 3; attempt++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(attacker, email, $"Wrong-Guess-{attempt}")).StatusCode);
        }

        var attackerWithTheRightPassword = await PortalFactory.SignInAsync(attacker, email, password);
        Assert.Contains("Too many sign-in attempts from here.", await attackerWithTheRightPassword.Content.ReadAsStringAsync());

        var owner = factory.CreateBrowserLikeClient(from: "198.51.100.20");
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(owner, email, password)));
    }

    [Fact]
    public async Task OwnersKnownBrowser_SignsIn_WhileSomeoneBehindTheSameAddressFloodsTheForm()
    {
        const string email = "known-browser@test.example";
        const string password = "Officer-Pass-2026";
        const string office = "192.0.2.44";
        await factory.CreateStaffAsync(email, password, PortalRoles.Officer);
        var ownersBrowser = factory.CreateBrowserLikeClient(from: office);
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(ownersBrowser, email, password)));
        await SignOutAsync(ownersBrowser);

        var colleague = factory.CreateBrowserLikeClient(from: office);
        for (var attempt = 1; attempt <= SignInThrottlePolicy.FreeAttemptsPerClient + 2; attempt++)
        {
            await PortalFactory.SignInAsync(colleague, attempt % 2 == 0 ? email : $"someone-{attempt}@test.example", $"Wrong-Guess-{attempt}");
        }

        Assert.Contains("Too many sign-in attempts from here.", await (await PortalFactory.SignInAsync(colleague, email, password)).Content.ReadAsStringAsync());
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(ownersBrowser, email, password)));
    }

    [Fact]
    public async Task RepeatedWrongPasswords_KnownAndUnknownAddress_GetTheSameAnswers()
    {
        const string known = "same-answers@test.example";
        await factory.CreateStaffAsync(known, "Officer-Pass-2026", PortalRoles.Officer);

        var answers = new Dictionary<string, List<string>>();
        foreach (var (email, from) in new[] { (known, "198.51.100.31"), ("no-account@test.example", "198.51.100.32") })
        {
            var client = factory.CreateBrowserLikeClient(from);
            answers[email] = [];
            for (var attempt = 1; attempt <= SignInThrottlePolicy.FreeAttemptsPerAddress + 2; attempt++)
            {
                var response = await PortalFactory.SignInAsync(client, email, $"Wrong-Guess-{attempt}");
                answers[email].Add($"{(int)response.StatusCode} {response.Headers.Location} {Message(await response.Content.ReadAsStringAsync())}");
            }
        }

        Assert.Equal(answers[known], answers["no-account@test.example"]);
        Assert.Contains(answers[known], answer => answer.EndsWith("too many", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownAddress_RunsAPasswordHash_LikeAKnownAddressWithAWrongPassword()
    {
        var hasher = new CountingPasswordHasher();
        using var counted = factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IPasswordHasher<PortalUser>>(hasher)));
        var client = counted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });

        await PortalFactory.SignInAsync(client, "nobody-here@test.example", "Wrong-Guess-2026");
        var forUnknown = hasher.Verifications;
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, "Wrong-Guess-2026");
        var forKnown = hasher.Verifications - forUnknown;

        Assert.Equal(1, forUnknown);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task AFloodOfFailedSignInsFromOneClient_IsFoldedInTheAuditLog()
    {
        const string from = "203.0.113.99";
        var client = factory.CreateBrowserLikeClient(from);

        for (var attempt = 1; attempt <= 40; attempt++)
        {
            await PortalFactory.SignInAsync(client, $"x;=1+2;@flood-{attempt}.example", "Wrong-Guess-2026");
        }

        var written = await AuditAsync(e => e.Action == AuditAction.SignInFailed && e.Detail!.EndsWith("from " + from));
        Assert.Equal(SignInThrottlePolicy.LoggedPerBurst, written.Count);
        Assert.Equal("x;=1+2;@flood-1.example", written[0].Target);
    }

    private static string Message(string html) =>
        html.Contains("Too many sign-in attempts", StringComparison.Ordinal) ? "too many"
        : html.Contains("The email address or password is not correct.", StringComparison.Ordinal) ? "not correct"
        : html.Contains("disabled", StringComparison.Ordinal) ? "disabled"
        : "other";

    private static async Task SignOutAsync(HttpClient client)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Identity's own hasher, counting the verifications it runs.</summary>
    private sealed class CountingPasswordHasher : IPasswordHasher<PortalUser>
    {
        private readonly PasswordHasher<PortalUser> inner = new();
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Theory]
    [InlineData("https://evil.example/phish")]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    public async Task ReturnUrl_ToAnotherSite_IsNotFollowed(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword, returnUrl);

        Assert.Equal("/", PortalFactory.RedirectTarget(response));
    }

    [Theory]
    [InlineData("/requests?q=\u00E9", "/requests?q=%C3%A9")]
    [InlineData("/\u00FC", "/%C3%BC")]
    public async Task ReturnUrl_WithCharactersOutsideAscii_LeadsThere_PercentEncoded(string returnUrl, string expected)
    {
        // On Kestrel, which refuses a Location header that is not ASCII, as a browser's server would.
        await using var portal = new PortalFactory();
        portal.StartOnKestrel();
        var client = portal.CreateBrowserLikeClient();

        var response = await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = new Uri(client.BaseAddress!, response.Headers.Location!);
        Assert.Equal(client.BaseAddress!.Authority, location.Authority);
        Assert.Equal(expected, location.PathAndQuery);
    }

    [Fact]
    public async Task EmptyForm_ShowsWhatIsMissing()
    {
        var client = factory.CreateBrowserLikeClient();
        var response = await PortalFactory.SignInAsync(client, "", "");

        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter your email address.", html);
        Assert.Contains("Enter your password.", html);
    }

    [Fact]
    public async Task SignOut_NeedsTheFormsToken_ThenEndsTheSession()
    {
        var client = factory.CreateBrowserLikeClient();
        await PortalFactory.SignInAsync(client, PortalFactory.AdminEmail, PortalFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var forged = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["returnUrl"] = "" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        var signOut = await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["returnUrl"] = "admin/staff",
        }));

        Assert.Equal("/Account/Login?ReturnUrl=%2Fadmin%2Fstaff", PortalFactory.RedirectTarget(signOut));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_TheNewPasswordWorks_AndTheOldOneNoLonger()
    {
        const string email = "changer@test.example";
        var client = await factory.SignedInStaffAsync(email, "Original-Pass-2026", PortalRoles.Officer);

        var changed = await ChangePasswordAsync(client, "Original-Pass-2026", "Replacement-Pass-2026");
        Assert.Equal("/Account/Login", PortalFactory.RedirectTarget(changed));
        Assert.Contains("Your password has been changed. Sign in with your new password.", await client.GetStringAsync("/Account/Login"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        var fresh = factory.CreateBrowserLikeClient();
        Assert.Equal(HttpStatusCode.OK, (await PortalFactory.SignInAsync(fresh, email, "Original-Pass-2026")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(fresh, email, "Replacement-Pass-2026")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WithTheWrongCurrentPassword_ChangesNothing()
    {
        const string email = "careful@test.example";
        var client = await factory.SignedInStaffAsync(email, "Original-Pass-2026", PortalRoles.Officer);

        var response = await ChangePasswordAsync(client, "Guessed-Pass-2026", "Replacement-Pass-2026");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Incorrect password.", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PortalFactory.SignInAsync(factory.CreateBrowserLikeClient(), email, "Original-Pass-2026")).StatusCode);
    }

    private static async Task<HttpResponseMessage> ChangePasswordAsync(HttpClient client, string current, string replacement)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        return await client.PostAsync("/Account/Manage/ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.OldPassword"] = current,
            ["Input.NewPassword"] = replacement,
            ["Input.ConfirmPassword"] = replacement,
        }));
    }

    [Fact]
    public async Task SignIns_AndSignOut_AreInTheAuditLog_FailuresWithTheTypedAddressAsTarget()
    {
        const string email = "audited@test.example";
        await factory.CreateStaffAsync(email, "Officer-Pass-2026", PortalRoles.Officer);
        var client = factory.CreateBrowserLikeClient();

        await PortalFactory.SignInAsync(client, email, "Wrong-Guess-2026");
        await PortalFactory.SignInAsync(client, "stranger@test.example", "Wrong-Guess-2026");
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(client, email, "Officer-Pass-2026")));
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        await client.PostAsync("/Account/Logout", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

        var entries = await AuditAsync(e => e.Target == email || e.Target == "stranger@test.example");
        Assert.Equal(
            [
                (AuditAction.SignInFailed, "DataRequestPortal", email),
                (AuditAction.SignInFailed, "DataRequestPortal", "stranger@test.example"),
                (AuditAction.SignedIn, email, email),
                (AuditAction.SignedOut, email, email),
            ],
            entries.Select(e => (e.Action, e.ActorName, e.Target!)).ToArray());
        Assert.StartsWith("wrong password, from ", entries[0].Detail, StringComparison.Ordinal);
        Assert.StartsWith("unknown address, from ", entries[1].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledAccount_CannotSignIn_AndOnlyTheRightPasswordLearnsWhy()
    {
        const string email = "disabled@test.example";
        const string password = "Officer-Pass-2026";
        await factory.CreateStaffAsync(email, password, PortalRoles.Officer);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
            await scope.ServiceProvider.GetRequiredService<StaffAccounts>().DisableAsync(user!.Id, Actor.Staff(PortalFactory.AdminEmail));
        }

        var client = factory.CreateBrowserLikeClient();
        var rightPassword = await PortalFactory.SignInAsync(client, email, password);
        var wrongPassword = await PortalFactory.SignInAsync(client, email, "Wrong-Guess-2026");

        Assert.Equal(HttpStatusCode.OK, rightPassword.StatusCode);
        Assert.Contains("This account has been disabled.", await rightPassword.Content.ReadAsStringAsync());
        Assert.Contains("The email address or password is not correct.", await wrongPassword.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    private async Task<List<AuditEntry>> AuditAsync(System.Linq.Expressions.Expression<Func<AuditEntry, bool>> where)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.AsNoTracking().Where(where).OrderBy(e => e.Id).ToListAsync();
    }
}
