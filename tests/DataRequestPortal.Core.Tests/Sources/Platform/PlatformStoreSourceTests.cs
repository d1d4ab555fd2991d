using System.Text.Json;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Sources.Platform;

public class PlatformStoreSourceTests
{
    private static readonly string[] CategoryOrder = ["profile", "subprofile", "message", "mime", "attachment", "open", "click", "survey"];

    private static readonly DateTimeOffset Created = DateTimeOffset.Parse("2026-03-01T08:30:00+01:00");
    private static readonly byte[] InvoiceBytes = "%PDF-1.4 invoice"u8.ToArray();

    [Fact]
    public async Task CollectAsync_EmailSubject_WritesEveryCategoryInOrderWithTheAddressRows()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, SubjectType.Email, "Jane@Example.com");

        Assert.Equal(CategoryOrder, result.Categories.Select(c => c.Name));
        Assert.Equal([1, 3], result.Ids("profile"));
        Assert.Equal([10, 11, 12], result.Ids("subprofile"));
        Assert.Equal([100, 103], result.Ids("message"));
        Assert.Equal([100, 103], result.Ids("mime"));
        Assert.Equal([500], result.Ids("attachment"));
        Assert.Equal([1000], result.Ids("open"));
        Assert.Equal([1001], result.Ids("click"));
        Assert.Equal([2000], result.Ids("survey"));
        foreach (var category in CategoryOrder)
        {
            Assert.All(result.Records(category), r => Assert.Equal(category, r.GetProperty("type").GetString()));
        }
    }

    [Fact]
    public async Task CollectAsync_EmailSubject_WritesEachRecordsMembers()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, SubjectType.Email, "jane@example.com");

        var profile = result.Records("profile")[0];
        Assert.Equal("Newsletter", profile.GetProperty("database").GetString());
        Assert.Equal("jane@example.com", profile.GetProperty("email").GetString());
        Assert.Equal("2026-03-01T07:30:00Z", profile.GetProperty("created").GetString());
        Assert.Equal("2026-03-02T07:30:00Z", profile.GetProperty("modified").GetString());

        var subprofile = result.Records("subprofile")[1];
        Assert.Equal(1, subprofile.GetProperty("profile").GetInt64());
        Assert.Equal("Memberships", subprofile.GetProperty("collection").GetString());
        Assert.Equal("jane.work@example.org", subprofile.GetProperty("email").GetString());

        var message = result.Records("message")[0];
        Assert.Equal("news@mail.example.com", message.GetProperty("sender").GetString());
        Assert.Equal("jane@example.com", message.GetProperty("recipient").GetString());
        Assert.Equal("Spring sale: up to 30% off", message.GetProperty("subject").GetString());
        Assert.Equal("Spring sale", message.GetProperty("campaign").GetString());
        Assert.Equal("2026-04-01T09:00:00Z", message.GetProperty("sent").GetString());
        Assert.Equal("<p>Hello Jane</p>", message.GetProperty("html").GetString());
        Assert.Equal("Hello Jane", message.GetProperty("text").GetString());
        Assert.Equal(1, message.GetProperty("profile").GetInt64());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("subprofile").ValueKind);
        Assert.False(message.TryGetProperty("mime", out _));

        Assert.Equal("MIME-Version: 1.0\r\nSubject: message 100\r\n\r\nHello Jane", result.Records("mime")[0].GetProperty("mime").GetString());

        var attachment = result.Records("attachment")[0];
        Assert.Equal(103, attachment.GetProperty("message").GetInt64());
        Assert.Equal("invoice-2026-0042.pdf", attachment.GetProperty("name").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());
        Assert.Equal(InvoiceBytes.Length, attachment.GetProperty("size").GetInt64());
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(InvoiceBytes)), attachment.GetProperty("sha256").GetString());
        Assert.Equal(InvoiceBytes, attachment.GetProperty("content").GetBytesFromBase64());

        var open = result.Records("open")[0];
        Assert.Equal(100, open.GetProperty("message").GetInt64());
        Assert.Equal("2026-04-01T10:15:00Z", open.GetProperty("time").GetString());
        Assert.Equal("198.51.100.7", open.GetProperty("ipAddress").GetString());
        Assert.Equal("Mozilla/5.0 (iPhone)", open.GetProperty("userAgent").GetString());
        Assert.False(open.TryGetProperty("url", out _));

        Assert.Equal("https://www.example.com/sale?utm_campaign=spring", result.Records("click")[0].GetProperty("url").GetString());

        var survey = result.Records("survey")[0];
        Assert.Equal("Customer satisfaction 2026", survey.GetProperty("survey").GetString());
        Assert.Equal("2026-05-01T12:00:00Z", survey.GetProperty("submitted").GetString());
    }

    [Fact]
    public async Task CollectAsync_StoredFieldsAndAnswers_AreNestedObjectsNotStrings()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, SubjectType.Email, "jane@example.com");

        var fields = result.Records("profile")[0].GetProperty("fields");
        Assert.Equal(JsonValueKind.Object, fields.ValueKind);
        Assert.Equal("Jane", fields.GetProperty("firstname").GetString());
        Assert.Equal("hiking", fields.GetProperty("interests")[0].GetString());
        Assert.Equal(JsonValueKind.Object, result.Records("subprofile")[0].GetProperty("fields").ValueKind);

        var answers = result.Records("survey")[0].GetProperty("answers");
        Assert.Equal(JsonValueKind.Object, answers.ValueKind);
        Assert.Equal(9, answers.GetProperty("How likely are you to recommend us?").GetInt32());
    }

    [Fact]
    public async Task CollectAsync_StoredFieldsThatAreNotJson_AreWrittenAsTextInsteadOfFailing()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.PlatformProfiles.Add(new PlatformProfile { Id = 1, Database = "Imported", Email = "old@example.com", FieldsJson = "name=Old Import", CreatedAt = Created, ModifiedAt = Created });
            await db.SaveChangesAsync();
        }

        var result = await CollectAsync(database, SubjectType.Email, "old@example.com");

        Assert.Equal("name=Old Import", result.Records("profile")[0].GetProperty("fields").GetString());
    }

    [Fact]
    public async Task CollectAsync_ProfileSubject_WritesTheProfileItsSubprofilesAndItsRows()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, SubjectType.Profile, "1");

        Assert.Equal(CategoryOrder, result.Categories.Select(c => c.Name));
        Assert.Equal([1], result.Ids("profile"));
        Assert.Equal([10, 11], result.Ids("subprofile"));
        Assert.Equal([100, 101, 103], result.Ids("message"));
        Assert.Equal([100, 101, 103], result.Ids("mime"));
        Assert.Equal([500], result.Ids("attachment"));
        Assert.Equal([1000, 1002], result.Ids("open"));
        Assert.Equal([1001], result.Ids("click"));
        Assert.Equal([2000, 2001], result.Ids("survey"));
    }

    [Fact]
    public async Task CollectAsync_SubprofileSubject_WritesTheSubprofileAndItsRowsOnly()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, SubjectType.Subprofile, "11");

        Assert.Equal(CategoryOrder, result.Categories.Select(c => c.Name));
        Assert.Empty(result.Ids("profile"));
        Assert.Equal([11], result.Ids("subprofile"));
        Assert.Equal([101], result.Ids("message"));
        Assert.Equal([101], result.Ids("mime"));
        Assert.Empty(result.Ids("attachment"));
        Assert.Equal([1002], result.Ids("open"));
        Assert.Empty(result.Ids("click"));
        Assert.Equal([2001], result.Ids("survey"));
    }

    [Theory]
    [InlineData(SubjectType.Email, "nobody@example.com")]
    [InlineData(SubjectType.Profile, "999")]
    [InlineData(SubjectType.Subprofile, "999")]
    public async Task CollectAsync_UnknownSubject_WritesEveryCategoryEmpty(SubjectType type, string identifier)
    {
        await using var database = await StoreWithTwoPeopleAsync();

        var result = await CollectAsync(database, type, identifier);

        Assert.Equal(CategoryOrder, result.Categories.Select(c => c.Name));
        Assert.All(result.Categories, c => Assert.Equal(0, c.Records));
        Assert.Equal(8, result.Root.GetArrayLength());
        Assert.All(result.Root.EnumerateArray(), category => Assert.Equal(0, category.GetArrayLength()));
    }

    [Fact]
    public async Task CollectAsync_AnotherPersonsRows_NeverAppear()
    {
        await using var database = await StoreWithTwoPeopleAsync();

        foreach (var (type, identifier) in new[] { (SubjectType.Email, "jane@example.com"), (SubjectType.Profile, "1"), (SubjectType.Subprofile, "11") })
        {
            var result = await CollectAsync(database, type, identifier);

            var text = result.Root.GetRawText();
            Assert.DoesNotContain("other@example.com", text);
            Assert.DoesNotContain(13L, result.Ids("subprofile"));
            Assert.DoesNotContain(102L, result.Ids("message"));
            Assert.DoesNotContain(501L, result.Ids("attachment"));
            Assert.DoesNotContain(1003L, result.Ids("open"));
            Assert.DoesNotContain(2002L, result.Ids("survey"));
        }
    }

    [Fact]
    public async Task CollectAsync_TwentyThousandEvents_WritesEveryOneInIdOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.PlatformMessages.Add(Message(1, "busy@example.com", profileId: null));
            db.PlatformEvents.AddRange(Enumerable.Range(1, 20_000).Select(i => new PlatformEvent
            {
                MessageId = 1,
                Recipient = "busy@example.com",
                Kind = i % 4 == 0 ? PlatformEventKind.Click : PlatformEventKind.Open,
                At = Created.AddMinutes(i),
                Url = i % 4 == 0 ? $"https://www.example.com/p/{i}" : null,
            }));
            await db.SaveChangesAsync();
        }

        var result = await CollectAsync(database, SubjectType.Email, "busy@example.com");

        var opens = result.Ids("open");
        var clicks = result.Ids("click");
        Assert.Equal(15_000, opens.Count);
        Assert.Equal(5_000, clicks.Count);
        Assert.Equal(opens.Order(), opens);
        Assert.Equal(clicks.Order(), clicks);
        Assert.Equal(20_000, result.Categories.Sum(c => c.Records) - 2);
    }

    [Fact]
    public async Task CollectAsync_Cancelled_StopsBeforeTheEnd()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateDbContext())
        {
            db.PlatformMessages.Add(Message(1, "busy@example.com", profileId: null));
            db.PlatformEvents.AddRange(Enumerable.Range(1, 5_000).Select(i => new PlatformEvent
            {
                MessageId = 1, Recipient = "busy@example.com", Kind = PlatformEventKind.Open, At = Created.AddMinutes(i),
                UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
            }));
            await db.SaveChangesAsync();
        }

        var source = new PlatformStoreSource(database, new PlatformStoreOptions());
        using var cancellation = new CancellationTokenSource();
        using var stream = new MemoryStream();
        await using var output = new SourceOutput(stream, source.Description, (records, _) => cancellation.Cancel());

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => source.CollectAsync(Subject.Create(SubjectType.Email, "busy@example.com"), output, cancellation.Token));
        Assert.InRange(output.Records, 1, 4_999);
    }

    [Fact]
    public async Task Description_ServesEveryKindOfSubjectWithTheCategoriesInOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var source = new PlatformStoreSource(database, new PlatformStoreOptions());

        Assert.Equal("platform", source.Description.Key);
        Assert.Equal("Mailing platform", source.Description.Title);
        Assert.True(source.Description.Serves(SubjectType.Email));
        Assert.True(source.Description.Serves(SubjectType.Profile));
        Assert.True(source.Description.Serves(SubjectType.Subprofile));
        Assert.Equal(CategoryOrder, source.Description.Categories.Select(c => c.Name));
        Assert.All(source.Description.Categories, c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    private static async Task<CollectedRecords> CollectAsync(TestDatabase database, SubjectType type, string identifier) =>
        await CollectedRecords.CollectAsync(new PlatformStoreSource(database, new PlatformStoreOptions()), Subject.Create(type, identifier));

    /// <summary>
    /// Jane (jane@example.com, profile 1 and, in another database, profile 3) and another person (other@example.com,
    /// profile 2). Jane's membership subprofile has an address of its own, and one of the other person's
    /// subprofiles carries Jane's address.
    /// </summary>
    private static async Task<TestDatabase> StoreWithTwoPeopleAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        db.PlatformProfiles.AddRange(
            new PlatformProfile { Id = 1, Database = "Newsletter", Email = "jane@example.com", FieldsJson = """{"firstname":"Jane","interests":["hiking"]}""", CreatedAt = Created, ModifiedAt = Created.AddDays(1) },
            new PlatformProfile { Id = 2, Database = "Newsletter", Email = "other@example.com", FieldsJson = """{"firstname":"Otto"}""", CreatedAt = Created, ModifiedAt = Created },
            new PlatformProfile { Id = 3, Database = "Customers", Email = "jane@example.com", FieldsJson = """{"customer":"C-1"}""", CreatedAt = Created, ModifiedAt = Created });
        db.PlatformSubprofiles.AddRange(
            new PlatformSubprofile { Id = 10, ProfileId = 1, Collection = "Orders", FieldsJson = """{"order":"EO-1"}""", CreatedAt = Created, ModifiedAt = Created },
            new PlatformSubprofile { Id = 11, ProfileId = 1, Collection = "Memberships", Email = "jane.work@example.org", FieldsJson = """{"level":"Gold"}""", CreatedAt = Created, ModifiedAt = Created },
            new PlatformSubprofile { Id = 12, ProfileId = 2, Collection = "Orders", Email = "jane@example.com", FieldsJson = """{"order":"EO-2","giftFor":"Jane"}""", CreatedAt = Created, ModifiedAt = Created },
            new PlatformSubprofile { Id = 13, ProfileId = 2, Collection = "Orders", FieldsJson = """{"order":"EO-3"}""", CreatedAt = Created, ModifiedAt = Created });
        db.PlatformMessages.AddRange(
            Message(100, "jane@example.com", profileId: 1),
            Message(101, "jane.work@example.org", profileId: 1, subprofileId: 11),
            Message(102, "other@example.com", profileId: 2),
            Message(103, "jane@example.com", profileId: 1, subprofileId: 10));
        db.PlatformAttachments.AddRange(
            new PlatformAttachment { Id = 500, MessageId = 103, FileName = "invoice-2026-0042.pdf", ContentType = "application/pdf", Size = InvoiceBytes.Length, Sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(InvoiceBytes)), Content = InvoiceBytes },
            new PlatformAttachment { Id = 501, MessageId = 102, FileName = "invoice-2026-0043.pdf", ContentType = "application/pdf", Size = 3, Sha256 = "", Content = [1, 2, 3] });
        db.PlatformEvents.AddRange(
            new PlatformEvent { Id = 1000, MessageId = 100, Recipient = "jane@example.com", ProfileId = 1, Kind = PlatformEventKind.Open, At = DateTimeOffset.Parse("2026-04-01T10:15:00Z"), IpAddress = "198.51.100.7", UserAgent = "Mozilla/5.0 (iPhone)" },
            new PlatformEvent { Id = 1001, MessageId = 100, Recipient = "jane@example.com", ProfileId = 1, Kind = PlatformEventKind.Click, At = DateTimeOffset.Parse("2026-04-01T10:16:00Z"), Url = "https://www.example.com/sale?utm_campaign=spring" },
            new PlatformEvent { Id = 1002, MessageId = 101, Recipient = "jane.work@example.org", ProfileId = 1, SubprofileId = 11, Kind = PlatformEventKind.Open, At = DateTimeOffset.Parse("2026-04-02T08:00:00Z") },
            new PlatformEvent { Id = 1003, MessageId = 102, Recipient = "other@example.com", ProfileId = 2, Kind = PlatformEventKind.Open, At = DateTimeOffset.Parse("2026-04-02T08:00:00Z") });
        db.PlatformSurveyAnswers.AddRange(
            new PlatformSurveyAnswer { Id = 2000, Survey = "Customer satisfaction 2026", Email = "jane@example.com", ProfileId = 1, SubmittedAt = DateTimeOffset.Parse("2026-05-01T14:00:00+02:00"), AnswersJson = """{"How likely are you to recommend us?":9,"What could we improve?":"Faster delivery"}""" },
            new PlatformSurveyAnswer { Id = 2001, Survey = "Club feedback", Email = "jane.work@example.org", ProfileId = 1, SubprofileId = 11, SubmittedAt = Created, AnswersJson = """{"Favourite route":"Utrecht to Amersfoort"}""" },
            new PlatformSurveyAnswer { Id = 2002, Survey = "Customer satisfaction 2026", Email = "other@example.com", ProfileId = 2, SubmittedAt = Created, AnswersJson = "{}" });
        await db.SaveChangesAsync();
        return database;
    }

    private static PlatformMessage Message(long id, string recipient, long? profileId, long? subprofileId = null) => new()
    {
        Id = id,
        Recipient = recipient,
        ProfileId = profileId,
        SubprofileId = subprofileId,
        Sender = "news@mail.example.com",
        Subject = "Spring sale: up to 30% off",
        Campaign = "Spring sale",
        SentAt = DateTimeOffset.Parse("2026-04-01T11:00:00+02:00"),
        Mime = $"MIME-Version: 1.0\r\nSubject: message {id}\r\n\r\nHello Jane",
        Html = "<p>Hello Jane</p>",
        Text = "Hello Jane",
    };
}
