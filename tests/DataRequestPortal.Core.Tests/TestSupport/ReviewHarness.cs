using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Review as the portal wires it: staff and self-service requests are reviewed, over a mailbox whose mails copy other people.</summary>
public sealed class ReviewHarness : IAsyncDisposable
{
    public const string Officer = "officer@example.com";
    public const string Colleague = "colleague@example.com";

    private ReviewHarness(SelfServiceHarness inner, MailboxSource mailbox)
    {
        Inner = inner;
        Mailbox = mailbox;
    }

    public SelfServiceHarness Inner { get; }

    public MailboxSource Mailbox { get; }

    public CollectionHarness Collection => Inner.Delivery.Collection;

    public ReviewOptions Options => Collection.ReviewOptions;

    public static async Task<ReviewHarness> CreateAsync(bool fourEyes = false)
    {
        var mailbox = new MailboxSource();
        var inner = await SelfServiceHarness.CreateAsync(mailbox);
        inner.Delivery.Collection.ReviewOptions.Required.Staff = true;
        inner.Delivery.Collection.ReviewOptions.Required.SelfService = true;
        inner.Delivery.Collection.ReviewOptions.FourEyes = fourEyes;
        return new ReviewHarness(inner, mailbox);
    }

    public ResultReviews Reviews() => new(
        Collection.Database, Collection.Store, Collection.Notifier, Collection.Clock,
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(Collection.ResultOptions));

    /// <summary>Files a staff request for the mailbox's subject and collects it, as a worker would; it waits in review.</summary>
    public async Task<DataRequest> CollectForReviewAsync(RequestChannel channel = RequestChannel.Staff)
    {
        var filed = channel == RequestChannel.SelfService
            ? (await Inner.Requests.FileAsync(MailboxSource.Subject)).Request
            : await Collection.Filing.FileAsync(Subject.Create(SubjectType.Email, MailboxSource.Subject), channel, Actor.Staff(Officer));
        Assert.True(await Collection.Leases.TryClaimAsync(filed.Id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        await Collection.Collector().CollectAsync(filed.Id, "test", CancellationToken.None);
        return await Collection.LoadAsync(filed.Id);
    }

    public async Task<long> SeenAsync(long id) => RequestActions.LastEntryId(await Collection.LoadAsync(id));

    /// <summary>The category index of the mailbox's mails in the collected result.</summary>
    public async Task<int> MailsCategoryAsync(long id)
    {
        var summary = await Reviews().SummaryAsync(id);
        return Assert.Single(summary!.Categories, c => c.Name == "mails").Index;
    }

    public async Task<int> DecisionCountAsync(long id)
    {
        await using var db = Collection.Database.CreateDbContext();
        return await db.ReviewDecisions.CountAsync(d => d.DataRequestId == id);
    }

    /// <summary>The JSON the subject downloads, as bytes.</summary>
    public async Task<byte[]> DownloadAsync(long id, Downloader downloader, ResultFormat format = ResultFormat.Json)
    {
        var ready = Assert.IsType<ResultDownload.Ready>(await Inner.Downloads().OpenAsync(downloader, id, format));
        await using (ready.Content)
        {
            using var copy = new MemoryStream();
            await ready.Content.CopyToAsync(copy);
            return copy.ToArray();
        }
    }

    public static JsonElement Mails(JsonDocument document, int category) => document.RootElement.GetProperty("data")[category];

    public ValueTask DisposeAsync() => Inner.DisposeAsync();
}

/// <summary>A mailbox: mails to the subject, some of them copying other people; and the subject's profile with their own phone.</summary>
public sealed class MailboxSource() : FakeSource("mailbox", "profile", "mails")
{
    public const string Subject = "jane.doe@example.com";
    public const string Friend = "tom.friend@example.org";
    public const string FriendPhone = "+31 6 1234 5678";
    public const string OwnPhone = "+31 6 8765 4321";

    /// <summary>Mail records: 0 and 2 copy the friend, 1 and 3 do not.</summary>
    public static readonly (string Subject, string? Cc, string Text)[] Messages =
    [
        ("Your order", Friend, $"Tom asked us to call him on {FriendPhone}."),
        ("Newsletter", null, "This week: autumn walks."),
        ("Gift voucher", Friend, "A voucher from Tom for you."),
        ("Privacy update", null, "We changed our privacy statement."),
    ];

    public override async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        if (subject.Identifier != Subject)
        {
            return;
        }

        output.BeginCategory("profile");
        var profile = output.BeginRecord("profile");
        profile.WriteString("email", Subject);
        profile.WriteString("phone", OwnPhone);
        await output.EndRecordAsync(cancellationToken);

        output.BeginCategory("mails");
        foreach (var (title, cc, text) in Messages)
        {
            var json = output.BeginRecord("message");
            json.WriteString("sender", "news@shop.example");
            json.WriteString("to", Subject);
            if (cc is not null)
            {
                json.WriteString("cc", cc);
            }

            json.WriteString("subject", title);
            json.WriteString("text", text);
            await output.EndRecordAsync(cancellationToken);
        }
    }
}
