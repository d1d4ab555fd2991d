using System.Text.RegularExpressions;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// The self-service services as the portal wires them, over the delivery harness: sign-in with a fake clock and a
/// pickup-folder mail dispatch, the subject's requests, subject accounts, and the delivery worker for their notices.
/// </summary>
public sealed partial class SelfServiceHarness : IAsyncDisposable
{
    public const string Client = "203.0.113.7";

    private SelfServiceHarness(DeliveryHarness delivery, RecordSource source, ServiceProvider identity)
    {
        Delivery = delivery;
        Source = source;
        Identity = identity;
        Requests = new SelfServiceRequests(delivery.Collection.Database, delivery.Collection.Filing, delivery.Collection.Clock, delivery.Collection.Notifier);
    }

    public DeliveryHarness Delivery { get; }

    /// <summary>The one data source; it holds a record for every address in <see cref="RecordSource.Subjects"/>.</summary>
    public RecordSource Source { get; }

    public ServiceProvider Identity { get; }

    public TestDatabase Database => Delivery.Collection.Database;

    public FakeTimeProvider Time => Delivery.Time;

    public ComplianceClock Clock => Delivery.Collection.Clock;

    /// <summary>Read when <see cref="SignIn"/> is built, as the options are read once by the service.</summary>
    public SelfServiceOptions Options { get; } = new();

    public SelfServiceRequests Requests { get; }

    public static async Task<SelfServiceHarness> CreateAsync(params IReadOnlyList<IDataSource> more)
    {
        var source = new RecordSource();
        var delivery = await DeliveryHarness.CreateAsync(sources: [source, .. more]);
        var identity = IdentityServices.Create(delivery.Collection.Database, delivery.Time);
        await using (var scope = identity.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = StaffHarness.AdminEmail, AdminPassword = "Correct-Horse-42" });
        }

        return new SelfServiceHarness(delivery, source, identity);
    }

    public SubjectSignIn SignIn() => SignIn(Database);

    /// <summary>Sign-in as a portal process reaching the database through <paramref name="database"/> would offer it.</summary>
    public SubjectSignIn SignIn(IDbContextFactory<PortalDbContext> database) => new(
        database,
        Delivery.Key(),
        Delivery.SubjectMails(),
        Delivery.Dispatch(),
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<SubjectSignIn>.Instance);

    /// <summary>Result downloads as the portal wires them, over this harness's requests, results, links and audit log.</summary>
    public ResultDownloads Downloads()
    {
        var collection = Delivery.Collection;
        return new ResultDownloads(
            Database,
            Requests,
            new ApiClientRequests(Database, collection.Filing, collection.Store, collection.Notifier, Clock),
            Delivery.Links(),
            collection.Store,
            new PdfReports(Database, collection.Store, collection.Catalog, Clock,
                Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = DeliveryHarness.OrganisationName }), collection.ResultsPath),
            new AuditLog(Database, Clock));
    }

    /// <summary>The downloads written to the audit log, oldest first.</summary>
    public async Task<List<AuditEntry>> DownloadsLoggedAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.ResultDownloaded).OrderBy(e => e.Id).ToListAsync();
    }

    public SubjectAccounts Accounts() => new(Identity.GetRequiredService<IServiceScopeFactory>(), Time);

    /// <summary>Asks for a code as a browser at <paramref name="client"/> would, and expects it to be sent.</summary>
    public async Task<SentCode> RequestCodeAsync(string email, string client = Client, SignInPurpose purpose = SignInPurpose.FileRequest)
    {
        // Mails written at the same (fake) millisecond sort in random order, so the new one is found by its file.
        var before = MailFiles();
        var answer = await SignIn().RequestCodeAsync(email, purpose, client);
        Assert.Equal(CodeRequestOutcome.Sent, answer.Outcome);
        var mail = MimeMessage.Load(Assert.Single(MailFiles().Except(before)));
        Assert.Equal(answer.Ticket!.Email, Assert.Single(mail.To.Mailboxes).Address);
        return new SentCode(answer.Ticket!, CodeIn(mail), LinkTokenIn(mail), mail);
    }

    /// <summary>The emails written to the pickup folder so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Mails() => Delivery.Mails();

    /// <summary>The emails sent to <paramref name="address"/>; in random order when written at the same fake millisecond.</summary>
    public IReadOnlyList<MimeMessage> MailsTo(string address) =>
        [.. Mails().Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    private string[] MailFiles() => Directory.GetFiles(Delivery.MailDirectory, "*.eml");

    /// <summary>The six digits of the code, read from the mail's subject and checked against its text.</summary>
    public static string CodeIn(MimeMessage mail)
    {
        var match = SixDigits().Match(mail.Subject ?? "");
        Assert.True(match.Success, $"No code in the subject '{mail.Subject}'.");
        Assert.Contains($"Your code is: {match.Value}", mail.TextBody, StringComparison.Ordinal);
        return match.Value;
    }

    /// <summary>The sign-in link in the mail's text, which must also be in its HTML.</summary>
    public static Uri LinkIn(MimeMessage mail)
    {
        var match = VerifyLink().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "No sign-in link in the mail.");
        var link = new Uri(match.Value);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(link.AbsoluteUri), mail.HtmlBody, StringComparison.Ordinal);
        return link;
    }

    /// <summary>The <c>link</c> query parameter of the sign-in link, decoded.</summary>
    public static string LinkTokenIn(MimeMessage mail)
    {
        var query = LinkIn(mail).Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        return query[SubjectMails.LinkParameter];
    }

    public async Task<List<SignInChallenge>> ChallengesAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.SignInChallenges.AsNoTracking().OrderBy(c => c.CreatedAt).ToListAsync();
    }

    public async Task<List<DataRequestPortal.Core.Delivery.ReportDelivery>> DeliveriesAsync(long requestId)
    {
        await using var db = Database.CreateDbContext();
        return await db.ReportDeliveries.Include(d => d.Attempts).AsNoTracking().Where(d => d.DataRequestId == requestId).OrderBy(d => d.Id).ToListAsync();
    }

    /// <summary>Collects a queued request to completion, as a collection worker would.</summary>
    public async Task<DataRequest> CompleteAsync(long id)
    {
        var collection = Delivery.Collection;
        Assert.True(await collection.Leases.TryClaimAsync(id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        await collection.Collector().CollectAsync(id, "test", CancellationToken.None);
        var request = await collection.LoadAsync(id);
        Assert.Equal(RequestState.Completed, request.State);
        return request;
    }

    public async Task<DataRequest> DenyAsync(long id, string reason = "The address belongs to a company account, not a person.")
    {
        await using (var db = Database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == id);
            request.Deny(Actor.Staff("officer@example.com"), reason, Clock);
            await db.SaveChangesAsync();
        }

        return await Delivery.Collection.LoadAsync(id);
    }

    public async ValueTask DisposeAsync()
    {
        await Identity.DisposeAsync();
        await Delivery.DisposeAsync();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https://\S+/my-data/verify\?\S+")]
    private static partial Regex VerifyLink();
}

/// <summary>What a browser holds and what the mail said after a code was sent.</summary>
public sealed record SentCode(BrowserTicket Ticket, string Code, string LinkToken, MimeMessage Mail);

/// <summary>A source that holds one distinctive record (a delivery address) for each address listed.</summary>
public sealed class RecordSource() : FakeSource("shop", "address")
{
    public const string Street = "221B Baker Street";

    public const string Postcode = "NW1 6XE";

    public HashSet<string> Subjects { get; } = [];

    public override async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        if (!Subjects.Contains(subject.Identifier))
        {
            return;
        }

        output.BeginCategory("address");
        var json = output.BeginRecord("address");
        json.WriteString("street", Street);
        json.WriteString("postcode", Postcode);
        await output.EndRecordAsync(cancellationToken);
    }
}
