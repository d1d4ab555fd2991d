using System.Globalization;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Sources.Upstream;

public sealed class UpstreamSourceTests : IAsyncLifetime
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    private UpstreamServer server = null!;

    public async Task InitializeAsync() => server = await UpstreamServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private IDataSource Source(params (string Key, string Value)[] extra) => ConfiguredSources.Single(Settings(extra));

    private (string Key, string Value)[] Settings((string Key, string Value)[] extra) =>
        [
            ("Sources:Upstream:0:Key", "smtpeter"),
            ("Sources:Upstream:0:Title", "SMTPeter (sent mail)"),
            ("Sources:Upstream:0:BaseUrl", server.BaseUrl),
            ("Sources:Upstream:0:Token", UpstreamServer.Token),
            ("Sources:Upstream:0:PollSeconds", "0.05"),
            .. extra,
        ];

    [Fact]
    public async Task CollectAsync_EmailSubject_FilesPollsAndMergesEachUpstreamCategory()
    {
        server.PendingAnswers = 2;
        server.Data = request =>
        [
            [
                """{"type":"message","subject":"Your order has shipped","sent":"2026-01-15T10:31:00Z","to":"jane@example.com"}""",
                """{"type":"message","subject":"Spring sale","sent":"2026-03-01T08:00:00Z","to":"jane@example.com"}""",
            ],
            ["""{"type":"open","message":"Spring sale","ip":"203.0.113.7"}"""],
            [],
        ];

        var collected = await CollectedRecords.CollectAsync(Source(), Jane);

        var filed = Assert.Single(server.Filed);
        Assert.Equal(("email", "jane@example.com", 2), (filed.Type, filed.Subject, filed.ApiVersion));
        Assert.Equal($"/v2/datarequest?access_token={UpstreamServer.Token}", server.Received.First().Target);
        Assert.Equal(3, server.StatusCalls);
        Assert.Equal([new("message", 2), new("open", 1), new("smtpeter-3", 0)], collected.Categories);
        Assert.Equal(
            [
                """{"type":"message","subject":"Your order has shipped","sent":"2026-01-15T10:31:00Z","to":"jane@example.com"}""",
                """{"type":"message","subject":"Spring sale","sent":"2026-03-01T08:00:00Z","to":"jane@example.com"}""",
            ],
            collected.In("message"));
        Assert.Equal(["""{"type":"open","message":"Spring sale","ip":"203.0.113.7"}"""], collected.In("open"));
    }

    [Theory]
    [InlineData(SubjectType.Email, "jane@example.com", 1, "/v1/datarequest")]
    [InlineData(SubjectType.Profile, "42", 1, "/v1/profile/42/datarequest")]
    [InlineData(SubjectType.Profile, "42", 2, "/v2/profile/42/datarequest")]
    [InlineData(SubjectType.Subprofile, "9007199254740993", 1, "/v1/subprofile/9007199254740993/datarequest")]
    [InlineData(SubjectType.Subprofile, "9007199254740993", 2, "/v2/subprofile/9007199254740993/datarequest")]
    public async Task CollectAsync_EachSubjectTypeAndApiVersion_FilesWhereTheUpstreamExpects(SubjectType type, string identifier, int version, string path)
    {
        server.Data = request => [[$$"""{"type":"profile","id":"{{request.Subject}}"}"""]];

        var collected = await CollectedRecords.CollectAsync(Source(("Sources:Upstream:0:ApiVersion", $"{version}")), Subject.Create(type, identifier));

        Assert.Equal(path, server.Received.First().Path);
        Assert.All(server.Received, r => Assert.StartsWith($"/v{version}/", r.Path));
        Assert.Equal([$$"""{"type":"profile","id":"{{identifier}}"}"""], collected.In("profile"));
    }

    [Theory]
    [InlineData(CreatedIdStyle.Seeds)]
    [InlineData(CreatedIdStyle.JsonString)]
    [InlineData(CreatedIdStyle.JsonNumber)]
    [InlineData(CreatedIdStyle.BareNumber)]
    public async Task CollectAsync_IdGivenInAnyOfTheDialectsWays_IsFollowed(CreatedIdStyle style)
    {
        server.IdStyle = style;
        server.Data = _ => [["""{"type":"click","url":"https://example.com/sale"}"""]];

        var collected = await CollectedRecords.CollectAsync(Source(), Jane);

        var id = Assert.Single(server.Filed).Id.ToString(CultureInfo.InvariantCulture);
        Assert.Contains(server.Received, r => r.Path == $"/v2/datarequest/{id}");
        Assert.Equal([new("click", 1)], collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_TokenInHeader_SendsItAsBearerAndNeverInTheAddress()
    {
        await CollectedRecords.CollectAsync(Source(("Sources:Upstream:0:TokenIn", "Header")), Jane);

        Assert.All(server.Received, r =>
        {
            Assert.Equal($"Bearer {UpstreamServer.Token}", r.Headers["Authorization"]);
            Assert.DoesNotContain(UpstreamServer.Token, r.Target);
        });
    }

    [Fact]
    public async Task CollectAsync_LargeUpstreamResult_MergesEveryRecord()
    {
        server.Data = request =>
        [
            Enumerable.Range(1, 40_000).Select(i => $$"""{"type":"open","n":{{i}},"at":"2026-01-01T00:00:00Z","ip":"198.51.100.{{i % 250}}","agent":"Mozilla/5.0 (X11; Linux x86_64)"}"""),
            Enumerable.Range(1, 10_000).Select(i => $$"""{"type":"click","n":{{i}},"url":"https://example.com/offer/{{i}}"}"""),
        ];

        var collected = await CollectedRecords.CollectAsync(Source(), Jane);

        Assert.Equal([new("open", 40_000), new("click", 10_000)], collected.Categories);
        Assert.Equal("""{"type":"open","n":40000,"at":"2026-01-01T00:00:00Z","ip":"198.51.100.0","agent":"Mozilla/5.0 (X11; Linux x86_64)"}""", collected.In("open")[^1]);
        Assert.Equal("""{"type":"click","n":10000,"url":"https://example.com/offer/10000"}""", collected.In("click")[^1]);
    }

    [Fact]
    public async Task CollectAsync_TwoUpstreamCategoriesOfOneType_StayApart()
    {
        server.Data = _ => [["""{"type":"message","n":1}"""], ["""{"type":"message","n":2}"""]];

        var collected = await CollectedRecords.CollectAsync(Source(), Jane);

        Assert.Equal([new("message", 1), new("message-2", 1)], collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_ResultNotAvailableYetDespiteTheStatus_KeepsWaiting()
    {
        server.NotReadyResults = 2;
        server.Data = _ => [["""{"type":"survey","answer":"yes"}"""]];

        var collected = await CollectedRecords.CollectAsync(Source(), Jane);

        Assert.Equal([new("survey", 1)], collected.Categories);
        Assert.Equal(3, server.Received.Count(r => r.Path.StartsWith("/v2/datarequest/", StringComparison.Ordinal) && !r.Path.EndsWith("/status", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CollectAsync_UpstreamSaysNotAvailable_Fails()
    {
        server.NotAvailable = true;

        var error = await CollectedRecords.FailureAsync(Source(), Jane);

        Assert.Equal($"Upstream source 'smtpeter' reports the data of its request {Assert.Single(server.Filed).Id} as not available.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_NeverAvailable_FailsAfterTheConfiguredTime()
    {
        server.NeverAvailable = true;
        var time = new FakeTimeProvider();
        var failing = CollectedRecords.FailureAsync(ConfiguredSources.Single(time, Settings([("Sources:Upstream:0:TimeoutMinutes", "1")])), Jane);

        // It keeps asking: a poll's pause passes (again, should the source not have been pausing yet) and it asks once more.
        await Eventually.UntilAsync(() => server.StatusCalls > 0, "the source asked for the status");
        await Eventually.UntilAsync(() => { time.Advance(TimeSpan.FromSeconds(0.05)); return server.StatusCalls > 1; }, "the source asked again");
        time.Advance(TimeSpan.FromMinutes(1));

        var error = await failing.WaitAsync(Eventually.Timeout);
        Assert.Equal($"Upstream source 'smtpeter' did not finish its request {Assert.Single(server.Filed).Id} within 1 min.", error.Message);
    }

    [Fact]
    public async Task CollectAsync_RetryAfterAFault_FollowsTheSameUpstreamRequest()
    {
        server.Data = _ => [["""{"type":"message","subject":"Welcome"}"""]];
        server.FailStatus(1);
        var source = Source();

        var error = await CollectedRecords.FailureAsync(source, Jane);
        var collected = await CollectedRecords.CollectAsync(source, Jane);

        var filed = Assert.Single(server.Filed);
        Assert.Equal($"Upstream source 'smtpeter' answered 502 Bad Gateway when asked for the status of its request {filed.Id}.", error.Message);
        Assert.Equal([new("message", 1)], collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_RememberedRequestGoneUpstream_FilesAFreshOne()
    {
        server.FailStatus(1);
        var source = Source();
        await CollectedRecords.FailureAsync(source, Jane);
        server.ForgetAll();

        var collected = await CollectedRecords.CollectAsync(source, Jane);

        Assert.Single(server.Filed);
        Assert.Equal(2, server.Received.Count(r => r.Method == "POST"));
        Assert.Empty(collected.Categories);
    }

    [Fact]
    public async Task CollectAsync_NextCollectionAfterSuccess_FilesANewRequest()
    {
        var source = Source();

        await CollectedRecords.CollectAsync(source, Jane);
        await CollectedRecords.CollectAsync(source, Jane);

        Assert.Equal(2, server.Filed.Count);
    }

    [Fact]
    public async Task CollectAsync_WrongToken_FailsWithAHintButWithoutTheToken()
    {
        var error = await CollectedRecords.FailureAsync(Source(("Sources:Upstream:0:Token", "wrong-token-4d2e")), Jane);

        Assert.Equal("Upstream source 'smtpeter' answered 401 Unauthorized when asked to file a request; check the source's Token and TokenIn.", error.Message);
        Assert.Empty(server.Filed);
    }

    [Fact]
    public async Task CollectAsync_Cancelled_StopsWaitingPromptly()
    {
        server.NeverAvailable = true;
        using var cancel = new CancellationTokenSource();
        var collecting = Assert.ThrowsAnyAsync<OperationCanceledException>(() => CollectedRecords.CollectAsync(Source(), Jane, cancel.Token));
        await Eventually.UntilAsync(() => server.StatusCalls > 0, "the source is waiting for the upstream");

        await cancel.CancelAsync();

        // Uncancelled, it would wait the default hour for the upstream.
        await collecting.WaitAsync(Eventually.Timeout);
    }
}
