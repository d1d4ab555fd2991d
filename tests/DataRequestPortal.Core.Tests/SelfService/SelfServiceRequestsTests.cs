using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.SelfService;

public class SelfServiceRequestsTests
{
    private const string Jane = "jane.doe@example.com";

    [Fact]
    public async Task FileAsync_VerifiedSubject_FilesAQueuedSelfServiceRequestWithAReceiptQueued()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();

        var filing = await harness.Requests.FileAsync("Jane.Doe@Example.com");

        Assert.True(filing.Created);
        var stored = await harness.Delivery.Collection.LoadAsync(filing.Request.Id);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(RequestChannel.SelfService, stored.Channel);
        Assert.Equal(SubjectType.Email, stored.SubjectType);
        Assert.Equal(Jane, stored.SubjectId);
        Assert.Equal(harness.Time.GetUtcNow(), stored.ReceivedAt);
        Assert.Equal(new DateOnly(2026, 4, 1), stored.DueDate);
        Assert.Contains(stored.Timeline, e => e.Reason == "Email address verified" && e.Actor == Actor.DataSubject(Jane));

        var receipt = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id));
        Assert.Equal(DeliveryKind.Receipt, receipt.Kind);
        Assert.Equal(DeliveryState.Pending, receipt.State);
        Assert.Equal(Jane, receipt.Target);
    }

    [Fact]
    public async Task FileAsync_SecondTimeWhileTheFirstIsUnderWay_ReturnsTheSameRequestNotCreated()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var first = await harness.Requests.FileAsync(Jane);

        var second = await harness.Requests.FileAsync(Jane);

        Assert.False(second.Created);
        Assert.Equal(first.Request.Id, second.Request.Id);
        Assert.Single(await harness.Requests.ListAsync(Jane));
        Assert.Single(await harness.DeliveriesAsync(first.Request.Id));
    }

    [Fact]
    public async Task FileAsync_TwoAtOnce_OneRequest()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();

        var filings = await Task.WhenAll(Task.Run(() => harness.Requests.FileAsync(Jane)), Task.Run(() => harness.Requests.FileAsync(Jane)));

        Assert.Single(filings, f => f.Created);
        Assert.Equal(filings[0].Request.Id, filings[1].Request.Id);
        Assert.Single(await harness.Requests.ListAsync(Jane));
    }

    [Fact]
    public async Task FileAsync_AfterTheLastWasCompleted_FilesANewOne()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var first = await harness.Requests.FileAsync(Jane);
        await harness.CompleteAsync(first.Request.Id);
        harness.Time.Advance(TimeSpan.FromDays(1));

        var second = await harness.Requests.FileAsync(Jane);

        Assert.True(second.Created);
        Assert.NotEqual(first.Request.Id, second.Request.Id);
        Assert.Equal([second.Request.Id, first.Request.Id], (await harness.Requests.ListAsync(Jane)).Select(r => r.Id));
    }

    [Fact]
    public async Task FileAsync_AfterTheLastWasDenied_FilesANewOne()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var first = await harness.Requests.FileAsync(Jane);
        await harness.DenyAsync(first.Request.Id);

        var second = await harness.Requests.FileAsync(Jane);

        Assert.True(second.Created);
        Assert.NotEqual(first.Request.Id, second.Request.Id);
        Assert.Equal(RequestState.Queued, (await harness.Delivery.Collection.LoadAsync(second.Request.Id)).State);
    }

    [Fact]
    public async Task FindAsync_AnotherSubjectsEmail_ReturnsNull()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var janes = await harness.Requests.FileAsync(Jane);
        await harness.Requests.FileAsync("john.roe@example.com");

        Assert.Null(await harness.Requests.FindAsync("john.roe@example.com", janes.Request.Id));
        Assert.Null(await harness.Requests.FindAsync(Jane, janes.Request.Id + 1));
        Assert.Equal(janes.Request.Id, (await harness.Requests.FindAsync("JANE.DOE@example.com", janes.Request.Id))?.Id);
    }

    [Fact]
    public async Task ListAsync_SameAddressFiledByStaffAndApi_ListsOnlyTheSubjectsOwnSelfServiceRequests()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var collection = harness.Delivery.Collection;
        var byStaff = await collection.FileAsync(Jane);
        var token = await new ApiTokens(collection.Database, harness.Time).IssueAsync("crm");
        var byApi = await collection.Filing.FileForApiClientAsync(Subject.Create(SubjectType.Email, Jane), new ApiClient(token.Id, token.Name), null);
        await harness.Requests.FileAsync("john.roe@example.com");
        var own = await harness.Requests.FileAsync(Jane);

        var listed = await harness.Requests.ListAsync(Jane);

        Assert.Equal(own.Request.Id, Assert.Single(listed).Id);
        Assert.NotEmpty(listed[0].Timeline);
        Assert.Null(await harness.Requests.FindAsync(Jane, byStaff.Id));
        Assert.Null(await harness.Requests.FindAsync(Jane, byApi.Id));
    }

    [Fact]
    public async Task FileAsync_StaffRequestForTheAddressUnderWay_StillFilesTheSubjectsOwn()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var byStaff = await harness.Delivery.Collection.FileAsync(Jane);

        var own = await harness.Requests.FileAsync(Jane);

        Assert.True(own.Created);
        Assert.NotEqual(byStaff.Id, own.Request.Id);
    }

    [Theory]
    [InlineData(RequestChannel.SelfService, "Jane.Doe@Example.com", true)]
    [InlineData(RequestChannel.SelfService, "someone.else@example.com", false)]
    [InlineData(RequestChannel.Staff, Jane, false)]
    [InlineData(RequestChannel.Api, Jane, false)]
    public void IsOwn_OnlyTheSubjectsOwnSelfServiceRequests_AsTheirPagesShowThem(RequestChannel channel, string signedIn, bool own)
    {
        var change = new RequestStatusChange(1234567890123456, Subject.Create(SubjectType.Email, Jane), channel, RequestState.Collecting, CollectionProgress.None, DateTimeOffset.UtcNow);

        Assert.Equal(own, SelfServiceRequests.IsOwn(change, signedIn));
        Assert.Equal(channel == RequestChannel.SelfService ? Jane : null, SelfServiceRequests.OwnerOf(change));
    }
}
