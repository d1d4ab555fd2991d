using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

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
    public async Task FileAsync_FiftyTimesAtOnceThroughTwoProcesses_OneActiveRequest()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var collection = harness.Delivery.Collection;
        var processes = new[] { 1, 2 }.Select(p => harness.Database.AnotherProcess(p))
            .Select(db => new SelfServiceRequests(db, new RequestFiling(db, harness.Clock, collection.Notifier), harness.Clock, collection.Notifier))
            .ToArray();

        // The address as a person might type it, in two spellings: one canonical subject.
        var filings = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
            processes[i % 2].FileAsync(i % 2 == 0 ? Jane : "Jane.Doe@EXAMPLE.com"))));

        var created = Assert.Single(filings, f => f.Created);
        Assert.All(filings, f => Assert.Equal(created.Request.Id, f.Request.Id));
        Assert.Equal(created.Request.Id, Assert.Single(await harness.Requests.ListAsync(Jane)).Id);
        Assert.Single(await harness.DeliveriesAsync(created.Request.Id));
    }

    [Fact]
    public async Task Database_RefusesASecondActiveSelfServiceRequestForTheSameSubject()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = harness.Delivery.Collection.Filing;
        var jane = Subject.Create(SubjectType.Email, Jane);

        // What two processes do after each has looked and found nothing: both store a request.
        await filing.FileForSubjectAsync(jane);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => filing.FileForSubjectAsync(Subject.Create(SubjectType.Email, "JANE.DOE@example.com")));

        Assert.True(DatabaseErrors.IsUniqueViolation(refused));
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
    [InlineData(RequestChannel.SelfService, false, "Jane.Doe@Example.com", true)]
    [InlineData(RequestChannel.SelfService, false, "someone.else@example.com", false)]
    [InlineData(RequestChannel.Staff, true, "Jane.Doe@Example.com", true)]
    [InlineData(RequestChannel.Staff, true, "someone.else@example.com", false)]
    [InlineData(RequestChannel.Staff, false, Jane, false)]
    [InlineData(RequestChannel.Api, false, Jane, false)]
    public void IsOwn_OnlyTheRequestsTheSubjectsPagesShow(RequestChannel channel, bool selfServiceDelivery, string signedIn, bool own)
    {
        var clock = new ComplianceClock(TimeProvider.System, TimeZoneInfo.Utc);
        var request = DataRequest.File(
            1234567890123456, Subject.Create(SubjectType.Email, Jane), channel, Actor.System, clock, selfServiceDelivery: selfServiceDelivery);
        var change = RequestStatusChange.Of(request, DateTimeOffset.UtcNow);

        Assert.Equal(own, SelfServiceRequests.IsOwn(change, signedIn));
        Assert.Equal(channel == RequestChannel.SelfService || selfServiceDelivery ? Jane : null, SelfServiceRequests.OwnerOf(change));
    }

    [Fact]
    public async Task ListAsync_StaffRequestForSelfServiceDelivery_IsListedForItsAddressOnly_OtherStaffAndApiRequestsAreNot()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync("Jane.Doe@Example.com");
        await harness.Delivery.Collection.FileAsync(Jane);
        await harness.Delivery.CompleteAsync("crm@example.com", Jane);
        var forSomeoneElse = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync("someone.else@example.com");

        var listed = await harness.Requests.ListAsync(Jane);

        var only = Assert.Single(listed);
        Assert.Equal(delivered.Id, only.Id);
        Assert.True(only.SelfServiceDelivery);
        Assert.Contains(only.Timeline, e => e.Event == TimelineEvent.Filed && e.Actor == Actor.Staff("officer@example.com"));
        Assert.Null(await harness.Requests.FindAsync(Jane, forSomeoneElse.Id));
        Assert.Equal(forSomeoneElse.Id, Assert.Single(await harness.Requests.ListAsync("someone.else@example.com")).Id);
    }

    [Fact]
    public async Task FileAsync_WhileAStaffRequestForSelfServiceDeliveryIsUnderWay_ReturnsThatRequest()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync(Jane);

        var own = await harness.Requests.FileAsync(Jane);

        Assert.False(own.Created);
        Assert.Equal(delivered.Id, own.Request.Id);
    }

    [Fact]
    public async Task AnswerAsync_StaffRequestForSelfServiceDelivery_TheSubjectAnswersOnTheirPage()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync(Jane);
        await using (var db = harness.Database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).SingleAsync(r => r.Id == delivered.Id);
            request.AskSubject(SubjectQuestion.Identity, "Which customer number?", Actor.Staff("officer@example.com"), harness.Clock);
            await db.SaveChangesAsync();
        }

        Assert.Equal(SubjectAnswerOutcome.Recorded, await harness.Requests.AnswerAsync(Jane, delivered.Id, "C-1234"));
        Assert.Equal(RequestState.Queued, (await harness.Delivery.Collection.LoadAsync(delivered.Id)).State);
    }
}
