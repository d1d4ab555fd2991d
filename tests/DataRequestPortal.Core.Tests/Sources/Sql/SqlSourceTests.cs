using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Sources.Sql;

public sealed class SqlSourceTests : IDisposable
{
    private const string CustomerQuery = "SELECT name, city, preferences, picture FROM customers WHERE email = @subject";
    private const string OrderQuery = "SELECT id, placed_at, total, items, note FROM orders WHERE email = @subject ORDER BY id";

    private readonly ShopDatabase shop = ShopDatabase.Create();

    public void Dispose() => shop.Dispose();

    private IDataSource Source(params (string Name, string Query)[] categories)
    {
        var settings = new List<(string, string)>
        {
            ("Sources:Sql:0:Key", "shop"),
            ("Sources:Sql:0:Title", "Web shop"),
            ("Sources:Sql:0:Provider", "Sqlite"),
            ("Sources:Sql:0:ConnectionString", shop.ConnectionString),
        };
        for (var i = 0; i < categories.Length; i++)
        {
            settings.Add(($"Sources:Sql:0:Categories:{i}:Name", categories[i].Name));
            settings.Add(($"Sources:Sql:0:Categories:{i}:Query", categories[i].Query));
        }

        return ConfiguredSources.Single([.. settings]);
    }

    private static Subject Email(string address) => Subject.Create(SubjectType.Email, address);

    [Fact]
    public async Task CollectAsync_SubjectWithRows_WritesEachRowAsARecordOfItsCategory()
    {
        var source = Source(("customer", CustomerQuery), ("order", OrderQuery));

        var collected = await CollectedRecords.CollectAsync(source, Email("jane@example.com"));

        Assert.Equal(["customer", "order"], collected.Names);
        Assert.Equal(
            [
                """{"type":"customer","name":"Jane Doe","city":"Utrecht","preferences":"{\"newsletter\":true,\"language\":\"nl\"}","picture":"AQID"}""",
            ],
            collected.In("customer"));
        Assert.Equal(
            [
                """{"type":"order","id":1001,"placed_at":"2026-01-15T10:30:00Z","total":59.95,"items":2,"note":"Gift wrap, \"please\""}""",
                """{"type":"order","id":1003,"placed_at":"2026-03-02T16:45:00Z","total":120,"items":3,"note":null}""",
            ],
            collected.In("order"));
    }

    [Fact]
    public async Task CollectAsync_AnotherSubject_GetsOnlyTheirOwnRows()
    {
        var source = Source(("customer", CustomerQuery), ("order", OrderQuery));

        var collected = await CollectedRecords.CollectAsync(source, Email("john@example.com"));

        Assert.Equal(["""{"type":"customer","name":"John Roe","city":"Leeds","preferences":"{}","picture":null}"""], collected.In("customer"));
        Assert.Equal(["""{"type":"order","id":1002,"placed_at":"2026-02-01T08:00:00Z","total":12.5,"items":1,"note":null}"""], collected.In("order"));
    }

    [Fact]
    public async Task CollectAsync_UnknownSubject_WritesEveryCategoryEmpty()
    {
        var source = Source(("customer", CustomerQuery), ("order", OrderQuery));

        var collected = await CollectedRecords.CollectAsync(source, Email("nobody@example.com"));

        Assert.Equal([new("customer", 0), new("order", 0)], collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_ProfileSubject_PassesTheIdAndTheSubjectType()
    {
        var source = Source(("order", "SELECT id FROM orders WHERE profile_id = @subject AND @subjectType = 'profile' ORDER BY id"));

        var profile = await CollectedRecords.CollectAsync(source, Subject.Create(SubjectType.Profile, "42"));
        var subprofile = await CollectedRecords.CollectAsync(source, Subject.Create(SubjectType.Subprofile, "42"));

        Assert.Equal(["""{"type":"order","id":1001}""", """{"type":"order","id":1003}"""], profile.In("order"));
        Assert.Empty(subprofile.In("order"));
    }

    [Fact]
    public async Task CollectAsync_SubjectWrittenAsAnInjection_FindsNothingAndLeavesTheTablesIntact()
    {
        var source = Source(("order", OrderQuery));

        // Concatenated into the query, this address would select every customer's orders.
        var collected = await CollectedRecords.CollectAsync(source, Email("x'or'1'='1'--@example.com"));

        Assert.Empty(collected.In("order"));
        Assert.Equal(3, shop.Count("orders"));
    }

    [Fact]
    public async Task CollectAsync_QueryError_NamesSourceAndCategoryButNotTheConnectionString()
    {
        var source = Source(("customer", CustomerQuery), ("shipment", "SELECT * FROM shipments WHERE email = @subject"));

        var error = await CollectedRecords.FailureAsync(source, Email("jane@example.com"));

        Assert.StartsWith("SQL source 'shop', category 'shipment':", error.Message);
        Assert.Contains("no such table: shipments", error.Message);
        Assert.DoesNotContain(shop.File, error.Message);
    }

    [Fact]
    public async Task CollectAsync_MissingDatabaseFile_FailsWithoutCreatingAnEmptyOne()
    {
        shop.Dispose();
        var source = Source(("customer", CustomerQuery));

        var error = await CollectedRecords.FailureAsync(source, Email("jane@example.com"));

        Assert.StartsWith("SQL source 'shop' could not open its database", error.Message);
        Assert.False(File.Exists(shop.File));
    }

    [Theory]
    [InlineData("SELECT name, city AS name FROM customers WHERE email = @subject", "two columns are named 'name'; give each its own name with AS.")]
    [InlineData("SELECT name, 'vip' AS type FROM customers WHERE email = @subject", "a column is named 'type'")]
    public async Task CollectAsync_ColumnsThatCannotBeMembers_FailWithAClearMessage(string query, string expected)
    {
        var source = Source(("customer", query));

        var error = await CollectedRecords.FailureAsync(source, Email("jane@example.com"));

        Assert.Contains("SQL source 'shop', category 'customer': " + expected, error.Message);
    }
}
