using System.Security.Cryptography;
using System.Text;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>A staff request waiting in review over a small collected mailbox: a profile, then four mails, two copying a friend.</summary>
public sealed class ReviewedMailbox : IAsyncDisposable
{
    public const string Officer = "officer@example.com";
    public const string Colleague = "colleague@example.com";
    public const string Subject = "jane.doe@example.com";
    public const string Friend = "tom.friend@example.org";

    private const string Original = $$$"""
        {"info":{"type":"email","id":"{{{Subject}}}"},"data":[
        [{"type":"profile","email":"{{{Subject}}}","phone":"+31 6 8765 4321"}],
        [{"type":"message","sender":"news@shop.example","to":"{{{Subject}}}","cc":"{{{Friend}}}","subject":"Your order","text":"Tom asked us to call him on +31 6 1234 5678."},
         {"type":"message","sender":"news@shop.example","to":"{{{Subject}}}","subject":"Newsletter","text":"This week: autumn walks."},
         {"type":"message","sender":"news@shop.example","to":"{{{Subject}}}","cc":"{{{Friend}}}","subject":"Gift voucher","text":"A voucher from Tom for you."},
         {"type":"message","sender":"news@shop.example","to":"{{{Subject}}}","subject":"Privacy update","text":"We changed our privacy statement."}]],
        "meta":{"request":1,"generated":"2026-11-24T10:00:00Z","categories":[{"source":"mailbox","name":"profile","records":1},{"source":"mailbox","name":"mails","records":4}]}}
        """;

    private ReviewedMailbox(TestDatabase database, FolderResultStore store, string folder)
    {
        Database = database;
        Store = store;
        Folder = folder;
    }

    public TestDatabase Database { get; }

    public FolderResultStore Store { get; }

    public string Folder { get; }

    public RequestStatusNotifier Notifier { get; } = new();

    public ComplianceClock Clock { get; } = new(TimeProvider.System, TimeZoneInfo.Utc);

    public DataRequest Request { get; private set; } = default!;

    public static async Task<ReviewedMailbox> CreateAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "drp-tests", "review-" + Guid.NewGuid().ToString("N"));
        var store = new FolderResultStore(folder);
        var mailbox = new ReviewedMailbox(await TestDatabase.CreateAsync(), store, folder);
        var filed = await new RequestFiling(mailbox.Database, mailbox.Clock, mailbox.Notifier)
            .FileAsync(Core.Requests.Subject.Create(SubjectType.Email, Subject), RequestChannel.Staff, Actor.Staff(Officer));
        var bytes = Encoding.UTF8.GetBytes(Original);
        var file = Path.Combine(folder, "collected.json");
        await File.WriteAllBytesAsync(file, bytes);
        await store.PublishOriginalAsync(filed.Id, file);
        await using (var db = mailbox.Database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
            request.StartCollecting(mailbox.Clock, 1);
            request.HoldForReview(new ResultFingerprint(bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))), mailbox.Clock);
            await db.SaveChangesAsync();
        }

        mailbox.Request = await mailbox.LoadAsync(filed.Id);
        return mailbox;
    }

    public ResultReviews Reviews() => new(
        Database, Store, Notifier, Clock,
        Options.Create(new ReviewOptions()), Options.Create(new ResultOptions { Path = "." }));

    public async Task<DataRequest> LoadAsync(long id)
    {
        await using var db = Database.CreateDbContext();
        return await db.DataRequests.Include(r => r.Timeline).AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public Task<int> MailsCategoryAsync(long id) => Task.FromResult(1);

    public async Task<long> SeenAsync(long id) => RequestActions.LastEntryId(await LoadAsync(id));

    public async Task<int> DecisionCountAsync(long id)
    {
        await using var db = Database.CreateDbContext();
        return await db.ReviewDecisions.CountAsync(d => d.DataRequestId == id);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
