using System.Security.Cryptography;
using System.Text;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;

namespace DataRequestPortal.Core.Tests.SelfService;

public class SubjectSignInTests
{
    private const string Jane = "jane.doe@example.com";

    private const string Nobody = "nobody-known@example.org";

    // ---- Expiry --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task VerifyCodeAsync_JustBeforeCodeMinutes_Verifies()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        harness.Time.Advance(TimeSpan.FromMinutes(harness.Options.CodeMinutes) - TimeSpan.FromSeconds(1));
        var result = await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code);

        Assert.Equal(VerifyOutcome.Verified, result.Outcome);
        Assert.Equal(Jane, result.Email);
    }

    [Fact]
    public async Task VerifyCodeAsync_AfterCodeMinutes_RightCodeIsExpired()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        Assert.Equal(15, harness.Options.CodeMinutes);
        var sent = await harness.RequestCodeAsync(Jane);

        harness.Time.Advance(TimeSpan.FromMinutes(15));

        Assert.Equal(VerifyOutcome.Expired, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
        Assert.Equal(VerifyOutcome.Expired, (await harness.SignIn().VerifyLinkAsync(sent.Ticket, sent.LinkToken)).Outcome);
    }

    // ---- Attempt limit -------------------------------------------------------------------------------------------

    [Fact]
    public async Task VerifyCodeAsync_WrongCodes_CountDownThenStopEvenTheRightCode()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);
        var wrong = WrongCode(sent.Code);
        var signIn = harness.SignIn();

        var left = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            var result = await signIn.VerifyCodeAsync(sent.Ticket, wrong);
            Assert.Equal(VerifyOutcome.WrongCode, result.Outcome);
            left.Add(result.AttemptsLeft);
        }

        Assert.Equal([4, 3, 2, 1], left);
        Assert.Equal(VerifyOutcome.TooManyAttempts, (await signIn.VerifyCodeAsync(sent.Ticket, wrong)).Outcome);
        Assert.Equal(VerifyOutcome.TooManyAttempts, (await signIn.VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
        Assert.Equal(VerifyOutcome.TooManyAttempts, (await signIn.VerifyLinkAsync(sent.Ticket, sent.LinkToken)).Outcome);
    }

    [Fact]
    public async Task VerifyCodeAsync_MalformedCode_IsNotCountedAsAnAttempt()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        var malformed = await harness.SignIn().VerifyCodeAsync(sent.Ticket, "12a45");

        Assert.Equal(VerifyOutcome.Malformed, malformed.Outcome);
        Assert.Equal(5, malformed.AttemptsLeft);
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, $"{sent.Code[..3]} {sent.Code[3..]}")).Outcome);
    }

    // ---- Single use ----------------------------------------------------------------------------------------------

    [Fact]
    public async Task VerifyCodeAsync_SameCodeTwice_SecondIsAlreadyUsedAndSoIsTheLink()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
        Assert.Equal(VerifyOutcome.AlreadyUsed, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
        Assert.Equal(VerifyOutcome.AlreadyUsed, (await harness.SignIn().VerifyLinkAsync(sent.Ticket, sent.LinkToken)).Outcome);
    }

    [Fact]
    public async Task VerifyCodeAsync_TwoAtOnceWithTheRightCode_ExactlyOneVerifies()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);
        var signIn = harness.SignIn();

        var results = await Task.WhenAll(
            Task.Run(() => signIn.VerifyCodeAsync(sent.Ticket, sent.Code)),
            Task.Run(() => signIn.VerifyCodeAsync(sent.Ticket, sent.Code)));

        Assert.Single(results, r => r.Outcome == VerifyOutcome.Verified);
        Assert.Single(results, r => r.Outcome == VerifyOutcome.AlreadyUsed);
    }

    [Fact]
    public async Task VerifyCodeAsync_TenWrongGuessesAtOnce_StopAtTheLimitAndTheRightCodeNoLongerWorks()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);
        var signIn = harness.SignIn();

        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
            Task.Run(() => signIn.VerifyCodeAsync(sent.Ticket, ((int.Parse(sent.Code, System.Globalization.CultureInfo.InvariantCulture) + i) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture)))));

        Assert.DoesNotContain(results, r => r.Outcome == VerifyOutcome.Verified);
        Assert.True(results.Count(r => r.Outcome == VerifyOutcome.WrongCode) <= 4);
        Assert.Equal(5, Assert.Single(await harness.ChallengesAsync()).WrongAttempts);
        Assert.Equal(VerifyOutcome.TooManyAttempts, (await signIn.VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    [Fact]
    public async Task VerifyCodeAsync_TicketNamingAnotherAddress_SignsInOnlyAsTheAddressTheCodeWasSentTo()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane, purpose: SignInPurpose.ViewRequests);

        var result = await harness.SignIn().VerifyCodeAsync(sent.Ticket with { Email = "victim@example.com", Purpose = SignInPurpose.FileRequest }, sent.Code);

        Assert.Equal(VerifyOutcome.Verified, result.Outcome);
        Assert.Equal(Jane, result.Email);
        Assert.Equal(SignInPurpose.ViewRequests, result.Purpose);
    }

    [Fact]
    public async Task VerifyCodeAsync_CodeFromAnEarlierEmail_DoesNotWorkWithTheNewerTicket()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var first = await harness.RequestCodeAsync(Jane);
        var second = await harness.RequestCodeAsync(Jane);
        Assert.NotEqual(first.LinkToken, second.LinkToken);

        var result = await harness.SignIn().VerifyCodeAsync(second.Ticket, first.Code);

        Assert.Equal(first.Code == second.Code ? VerifyOutcome.Verified : VerifyOutcome.WrongCode, result.Outcome);
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(first.Ticket, first.Code)).Outcome);
    }

    // ---- Hashed storage ------------------------------------------------------------------------------------------

    [Fact]
    public async Task RequestCodeAsync_StoresOnlyHashes_CodeHashIsKeyedAndTheMailedCodeVerifies()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        var challenge = Assert.Single(await harness.ChallengesAsync());
        Assert.Equal(sent.Ticket.ChallengeId, challenge.Id);
        Assert.Equal(Jane, challenge.Email);
        foreach (var (secret, stored) in new[] { (sent.Code, challenge.CodeHash), (sent.LinkToken, challenge.LinkHash), (sent.Ticket.Secret, challenge.BrowserHash) })
        {
            Assert.Equal(SignInChallenge.HashLength, stored.Length);
            Assert.NotEqual(Encoding.UTF8.GetBytes(secret), stored);
            Assert.DoesNotContain(secret, Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
            Assert.DoesNotContain(secret, Convert.ToHexString(stored), StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(secret, Convert.ToBase64String(stored), StringComparison.Ordinal);
        }

        // A plain SHA-256 of six digits is reversed by trying all million codes; the stored one needs the portal's key.
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes(sent.Code)), challenge.CodeHash);
        Assert.NotEqual(SHA256.HashData(Encoding.UTF8.GetBytes($"sign-in-code:{challenge.Id:N}:{sent.Code}")), challenge.CodeHash);

        // Nowhere in the database file either (the long secrets; six digits could occur in any file by chance).
        var file = await File.ReadAllBytesAsync(new SqliteConnectionStringBuilder(harness.Database.ConnectionString).DataSource);
        var raw = Encoding.Latin1.GetString(file);
        Assert.DoesNotContain(sent.LinkToken, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(sent.Ticket.Secret, raw, StringComparison.Ordinal);

        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    // ---- Known and unknown addresses -----------------------------------------------------------------------------

    [Fact]
    public async Task RequestCodeAsync_KnownAndUnknownAddress_SameAnswerAndSameMail()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();

        // Jane is known to the portal (an earlier staff-filed request) and to its source; the other address to neither.
        harness.Source.Subjects.Add(Jane);
        await harness.Delivery.Collection.FileAsync(Jane);

        var known = await harness.SignIn().RequestCodeAsync(Jane, SignInPurpose.FileRequest, SelfServiceHarness.Client);
        var unknown = await harness.SignIn().RequestCodeAsync(Nobody, SignInPurpose.FileRequest, "198.51.100.9");

        Assert.Equal(CodeRequestOutcome.Sent, known.Outcome);
        Assert.Equal(CodeRequestOutcome.Sent, unknown.Outcome);
        Assert.Equal(known with { Ticket = null }, unknown with { Ticket = null });
        Assert.Equal(Jane, known.Ticket!.Email);
        Assert.Equal(Nobody, unknown.Ticket!.Email);

        Assert.Equal(2, harness.Mails().Count);
        var toJane = Assert.Single(harness.MailsTo(Jane));
        var toNobody = Assert.Single(harness.MailsTo(Nobody));
        Assert.Equal(Shape(toJane), Shape(toNobody));
        Assert.Equal(toJane.From.ToString(), toNobody.From.ToString());
    }

    // ---- Limits --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task RequestCodeAsync_SixthCodeInAnHourForOneAddress_TooManyForAddressUntilTheHourPasses()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        for (var i = 0; i < 5; i++)
        {
            await harness.RequestCodeAsync(Jane, client: $"198.51.100.{i}");
            harness.Time.Advance(TimeSpan.FromMinutes(1));
        }

        var refused = await harness.SignIn().RequestCodeAsync(Jane, SignInPurpose.FileRequest, "198.51.100.99");

        Assert.Equal(CodeRequestOutcome.TooManyForAddress, refused.Outcome);
        Assert.Null(refused.Ticket);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(TimeSpan.FromMinutes(55), refused.RetryAfter);
        Assert.Equal(5, harness.Mails().Count);

        harness.Time.Advance(refused.RetryAfter!.Value);
        var sent = await harness.RequestCodeAsync(Jane, client: "198.51.100.99");
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    [Fact]
    public async Task RequestCodeAsync_OneClientOverItsHourlyLimit_TooManyFromClientButOtherClientsStillWork()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var limit = harness.Options.CodesPerClientPerHour;
        for (var i = 0; i < limit; i++)
        {
            await harness.RequestCodeAsync($"person{i}@example.org");
        }

        var refused = await harness.SignIn().RequestCodeAsync($"person{limit}@example.org", SignInPurpose.FileRequest, SelfServiceHarness.Client);

        Assert.Equal(CodeRequestOutcome.TooManyFromClient, refused.Outcome);
        Assert.True(refused.RetryAfter > TimeSpan.Zero);
        Assert.Equal(limit, harness.Mails().Count);
        Assert.Equal(limit, (await harness.ChallengesAsync()).Count);

        await harness.RequestCodeAsync($"person{limit}@example.org", client: "192.0.2.44");
    }

    [Fact]
    public async Task RequestCodeAsync_ManyAtOnceForOneAddressThroughTwoProcesses_NoMoreThanTheHourlyLimit()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var processes = new[] { harness.SignIn(harness.Database.AnotherProcess(1)), harness.SignIn(harness.Database.AnotherProcess(2)) };
        var limit = harness.Options.CodesPerAddressPerHour;

        // Spelled differently, the address is one person: each call counts against the same limit.
        var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() =>
            processes[i % 2].RequestCodeAsync(i % 3 == 0 ? "Jane.Doe@Example.com" : Jane, SignInPurpose.FileRequest, $"198.51.100.{i}"))));

        Assert.Equal(limit, answers.Count(a => a.Outcome == CodeRequestOutcome.Sent));
        Assert.All(answers.Where(a => a.Outcome != CodeRequestOutcome.Sent), a => Assert.Equal(CodeRequestOutcome.TooManyForAddress, a.Outcome));
        Assert.Equal(limit, harness.MailsTo(Jane).Count);
        Assert.Equal(limit, (await harness.ChallengesAsync()).Count);
    }

    [Fact]
    public async Task RequestCodeAsync_ManyAtOnceFromOneClientThroughTwoProcesses_NoMoreThanTheClientsHourlyLimit()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var processes = new[] { harness.SignIn(harness.Database.AnotherProcess(1)), harness.SignIn(harness.Database.AnotherProcess(2)) };
        var limit = harness.Options.CodesPerClientPerHour;

        var answers = await Task.WhenAll(Enumerable.Range(0, limit + 20).Select(i => Task.Run(() =>
            processes[i % 2].RequestCodeAsync($"person{i}@example.org", SignInPurpose.FileRequest, SelfServiceHarness.Client))));

        Assert.Equal(limit, answers.Count(a => a.Outcome == CodeRequestOutcome.Sent));
        Assert.All(answers.Where(a => a.Outcome != CodeRequestOutcome.Sent), a => Assert.Equal(CodeRequestOutcome.TooManyFromClient, a.Outcome));
        Assert.Equal(limit, harness.Mails().Count);
        Assert.Equal(limit, (await harness.ChallengesAsync()).Count);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("jane@")]
    [InlineData("")]
    [InlineData(null)]
    public async Task RequestCodeAsync_MalformedAddress_InvalidAddressWithAMessageAndNothingStoredOrSent(string? email)
    {
        await using var harness = await SelfServiceHarness.CreateAsync();

        var result = await harness.SignIn().RequestCodeAsync(email, SignInPurpose.FileRequest, SelfServiceHarness.Client);

        Assert.Equal(CodeRequestOutcome.InvalidAddress, result.Outcome);
        Assert.False(string.IsNullOrWhiteSpace(result.AddressProblem));
        Assert.Null(result.Ticket);
        Assert.Empty(await harness.ChallengesAsync());
        Assert.Empty(harness.Mails());
    }

    [Fact]
    public async Task RequestCodeAsync_MailServerDown_MailFailedAndNotCountedAgainstTheAddress()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Delivery.Email.Mode = DataRequestPortal.Core.Email.EmailMode.Smtp;
        harness.Delivery.Email.Smtp.Host = "127.0.0.1";
        harness.Delivery.Email.Smtp.Port = 1;

        for (var i = 0; i < harness.Options.CodesPerAddressPerHour + 1; i++)
        {
            var result = await harness.SignIn().RequestCodeAsync(Jane, SignInPurpose.FileRequest, SelfServiceHarness.Client);
            Assert.Equal(CodeRequestOutcome.MailFailed, result.Outcome);
            Assert.Null(result.Ticket);
        }

        Assert.Empty(await harness.ChallengesAsync());
        harness.Delivery.Email.Mode = DataRequestPortal.Core.Email.EmailMode.Pickup;
        await harness.RequestCodeAsync(Jane);
    }

    // ---- The link and the browser --------------------------------------------------------------------------------

    [Fact]
    public async Task VerifyLinkAsync_InTheAskingBrowser_Verifies()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane, purpose: SignInPurpose.ViewRequests);

        var result = await harness.SignIn().VerifyLinkAsync(sent.Ticket, sent.LinkToken);

        Assert.Equal(VerifyOutcome.Verified, result.Outcome);
        Assert.Equal(Jane, result.Email);
        Assert.Equal(SignInPurpose.ViewRequests, result.Purpose);
        Assert.Equal(VerifyOutcome.AlreadyUsed, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    [Fact]
    public async Task VerifyLinkAsync_WithoutOrWithAnotherTicket_OtherBrowserAndStillUsableInTheRightOne()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);
        var other = await harness.RequestCodeAsync(Jane, client: "192.0.2.44");

        Assert.Equal(VerifyOutcome.OtherBrowser, (await harness.SignIn().VerifyLinkAsync(null, sent.LinkToken)).Outcome);
        Assert.Equal(VerifyOutcome.OtherBrowser, (await harness.SignIn().VerifyLinkAsync(other.Ticket, sent.LinkToken)).Outcome);
        Assert.Equal(VerifyOutcome.OtherBrowser, (await harness.SignIn().VerifyLinkAsync(sent.Ticket with { Secret = other.Ticket.Secret }, sent.LinkToken)).Outcome);

        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyLinkAsync(sent.Ticket, sent.LinkToken)).Outcome);
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(other.Ticket, other.Code)).Outcome);
    }

    [Theory]
    [InlineData("made-up-token-that-was-never-sent-000000000")]
    [InlineData("")]
    [InlineData(null)]
    public async Task VerifyLinkAsync_MadeUpToken_UnknownLink(string? token)
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        Assert.Equal(VerifyOutcome.UnknownLink, (await harness.SignIn().VerifyLinkAsync(sent.Ticket, token)).Outcome);
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    [Fact]
    public async Task VerifyCodeAsync_TicketWithWrongSecret_NoCodeRequestedAndNothingCounted()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var sent = await harness.RequestCodeAsync(Jane);

        Assert.Equal(VerifyOutcome.NoCodeRequested, (await harness.SignIn().VerifyCodeAsync(sent.Ticket with { Secret = "forged" }, sent.Code)).Outcome);
        Assert.Equal(VerifyOutcome.NoCodeRequested, (await harness.SignIn().VerifyCodeAsync(null, sent.Code)).Outcome);
        Assert.Equal(0, Assert.Single(await harness.ChallengesAsync()).WrongAttempts);
        Assert.Equal(VerifyOutcome.Verified, (await harness.SignIn().VerifyCodeAsync(sent.Ticket, sent.Code)).Outcome);
    }

    private static string WrongCode(string code) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The mail with its code and sign-in link replaced by placeholders.</summary>
    private static (string Subject, string Text, string Html) Shape(MimeKit.MimeMessage mail)
    {
        var code = SelfServiceHarness.CodeIn(mail);
        var link = SelfServiceHarness.LinkTokenIn(mail);
        string Blank(string? text) => (text ?? "").Replace(link, "<link>", StringComparison.Ordinal).Replace(code, "<code>", StringComparison.Ordinal);
        return (Blank(mail.Subject), Blank(mail.TextBody), Blank(mail.HtmlBody));
    }
}
