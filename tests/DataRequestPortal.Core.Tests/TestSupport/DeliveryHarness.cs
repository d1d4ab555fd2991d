using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Completed API requests over the collection harness, and the delivery worker as the portal wires it.</summary>
public sealed class DeliveryHarness : IAsyncDisposable
{
    private DeliveryHarness(CollectionHarness collection, FakeTimeProvider time, DeliveryOptions options)
    {
        Collection = collection;
        Time = time;
        Options = options;
        Directory.CreateDirectory(MailDirectory);
        Email.PickupDirectory = MailDirectory;
    }

    public const string OrganisationName = "Example Organisation";

    public static readonly Uri PublicUrl = new("https://portal.example.org/");

    public CollectionHarness Collection { get; }

    public FakeTimeProvider Time { get; }

    public DeliveryOptions Options { get; }

    /// <summary>The pickup folder report emails are written to.</summary>
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), "drp-mail-tests", Guid.NewGuid().ToString("N"));

    public PortalKey Key() => new(Options.LinkKey, () => Collection.Store.SharedKey(PortalKey.FileName));

    public DownloadLinks Links() => new(
        Key(),
        Microsoft.Extensions.Options.Options.Create(new PortalOptions { PublicUrl = PublicUrl }),
        Time);

    public static async Task<DeliveryHarness> CreateAsync(bool allowPrivateNetworkTargets = true, IReadOnlyList<IDataSource>? sources = null)
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var collection = await CollectionHarness.CreateAsync(sources ?? [new FakeSource("mail", "message")], time: time);
        return new DeliveryHarness(collection, time, new DeliveryOptions { AllowPrivateNetworkTargets = allowPrivateNetworkTargets, TimeoutSeconds = Eventually.Timeout.TotalSeconds });
    }

    /// <summary>Where report emails go; the pickup folder unless a test points it at an SMTP server.</summary>
    public EmailOptions Email { get; } = new() { Mode = EmailMode.Pickup, FromAddress = "privacy@example.org" };

    /// <summary>Sends to the pickup folder (or the SMTP server a test set in <see cref="Email"/>).</summary>
    public MailDispatch Dispatch() => new(
        Microsoft.Extensions.Options.Options.Create(Email),
        Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = OrganisationName }),
        Time,
        Path.GetTempPath());

    /// <summary>The data subjects' emails, with links to <see cref="PublicUrl"/>.</summary>
    public SubjectMails SubjectMails() => new(
        Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = OrganisationName }),
        Microsoft.Extensions.Options.Options.Create(new PortalOptions { PublicUrl = PublicUrl }),
        Collection.Clock);

    public ReportDeliveryWorker Worker() => new(
        Collection.Database,
        new ReportSender(Collection.Store, Time, Microsoft.Extensions.Options.Options.Create(Options)),
        new ReportMailer(
            Collection.Database,
            Collection.Store,
            Links(),
            Dispatch(),
            SubjectMails(),
            Time,
            Microsoft.Extensions.Options.Options.Create(Options),
            Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = OrganisationName })),
        Collection.Notifier,
        Time,
        Microsoft.Extensions.Options.Options.Create(Options),
        NullLogger<ReportDeliveryWorker>.Instance);

    /// <summary>Files a request through the API with <paramref name="report"/> as its target and collects it to completion.</summary>
    public Task<CompletedApiRequest> CompleteAsync(string report, string email = "jane@example.com") => CompleteAsync([report], email);

    /// <summary>
    /// Files a request through the API with the first of <paramref name="reports"/> as its target, asks again with each
    /// of the others as a client repeating its call would, and collects it to completion.
    /// </summary>
    public async Task<CompletedApiRequest> CompleteAsync(IReadOnlyList<string> reports, string email = "jane@example.com")
    {
        var issued = await new ApiTokens(Collection.Database, Time).IssueAsync("crm");
        var client = new ApiClient(issued.Id, issued.Name);
        var requests = new ApiClientRequests(Collection.Database, Collection.Filing, Collection.Store, Collection.Notifier, Collection.Clock);
        long? id = null;
        foreach (var report in reports)
        {
            Assert.True(ReportTarget.TryParse(report, out var target, out var error), error);
            var filing = await requests.FileAsync(client, Subject.Create(SubjectType.Email, email), target);
            Assert.Equal(id ?? filing.Request.Id, filing.Request.Id);
            id = filing.Request.Id;
        }

        Assert.True(await Collection.Leases.TryClaimAsync(id!.Value, "p", TimeSpan.FromMinutes(1), CancellationToken.None));
        await Collection.Collector().CollectAsync(id.Value, "p", CancellationToken.None);
        Assert.Equal(RequestState.Completed, (await Collection.LoadAsync(id.Value)).State);
        return new CompletedApiRequest(id.Value, issued.Id, issued.SigningSecret, await File.ReadAllBytesAsync(Path.Combine(Collection.ResultsPath, $"{id}.json")));
    }

    public async Task<ReportDelivery?> DeliveryOfAsync(long requestId)
    {
        await using var db = Collection.Database.CreateDbContext();
        return await db.ReportDeliveries.Include(d => d.Attempts).AsNoTracking().SingleOrDefaultAsync(d => d.DataRequestId == requestId);
    }

    public async Task<List<ReportDelivery>> DeliveriesOfAsync(long requestId)
    {
        await using var db = Collection.Database.CreateDbContext();
        return await db.ReportDeliveries.Include(d => d.Attempts).AsNoTracking().Where(d => d.DataRequestId == requestId).OrderBy(d => d.TargetNumber).ToListAsync();
    }

    /// <summary>The report emails written so far, parsed as a mail program would.</summary>
    public IReadOnlyList<MimeMessage> Mails() =>
        [.. Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Select(path => MimeMessage.Load(path))];

    public async ValueTask DisposeAsync()
    {
        await Collection.DisposeAsync();
        Directory.Delete(MailDirectory, recursive: true);
    }
}

public sealed record CompletedApiRequest(long Id, int TokenId, string Secret, byte[] Result);
