using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Api;

public class ApiClientRequestsTests
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    [Fact]
    public async Task FileAsync_StoresTheOwningTokenAndReportTarget()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        ReportTarget.TryParse("https://crm.example.com/hook", out var report, out _);

        var filing = await Requests(harness).FileAsync(crm, Jane, report);

        Assert.True(filing.IsNew);
        var stored = await harness.LoadAsync(filing.Request.Id);
        Assert.Equal(crm.TokenId, stored.ApiTokenId);
        Assert.Equal("https://crm.example.com/hook", stored.ReportTarget);
        Assert.Equal(RequestChannel.Api, stored.Channel);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(Actor.ApiClient("crm"), Assert.Single(stored.Timeline).Actor);
    }

    [Fact]
    public async Task FileAsync_SameSubjectWhileOpen_ReturnsTheOpenRequest()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var first = await requests.FileAsync(crm, Jane, null);

        var second = await requests.FileAsync(crm, Subject.Create(SubjectType.Email, "JANE@example.com"), null);

        Assert.False(second.IsNew);
        Assert.Equal(first.Request.Id, second.Request.Id);
    }

    [Fact]
    public async Task FileAsync_SameSubjectByAnotherToken_FilesItsOwn()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var requests = Requests(harness);
        var first = await requests.FileAsync(await ClientAsync(harness, "crm"), Jane, null);

        var other = await requests.FileAsync(await ClientAsync(harness, "shop"), Jane, null);

        Assert.True(other.IsNew);
        Assert.NotEqual(first.Request.Id, other.Request.Id);
    }

    [Fact]
    public async Task FileAsync_AfterTheOpenOneWasCancelled_FilesANewOne()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var first = await requests.FileAsync(crm, Jane, null);
        await requests.WithdrawAsync(crm, first.Request.Id);

        var again = await requests.FileAsync(crm, Jane, null);

        Assert.True(again.IsNew);
        Assert.NotEqual(first.Request.Id, again.Request.Id);
    }

    [Fact]
    public async Task FindAsync_AnotherTokensRequest_IsNotThere()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var requests = Requests(harness);
        var crm = await ClientAsync(harness, "crm");
        var filed = await requests.FileAsync(crm, Jane, null);

        Assert.NotNull(await requests.FindAsync(crm, filed.Request.Id));
        Assert.Null(await requests.FindAsync(await ClientAsync(harness, "shop"), filed.Request.Id));
        Assert.Null(await requests.FindAsync(crm, filed.Request.Id + 1));
    }

    [Fact]
    public async Task WithdrawAsync_OpenRequest_IsCancelledByTheClient()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var filed = await requests.FileAsync(crm, Jane, null);

        var withdrawn = await requests.WithdrawAsync(crm, filed.Request.Id);

        Assert.Equal(RequestState.Cancelled, withdrawn?.State);
        var last = (await harness.LoadAsync(filed.Request.Id)).Timeline.OrderBy(t => t.Id).Last();
        Assert.Equal(RequestState.Cancelled, last.ToState);
        Assert.Equal(Actor.ApiClient("crm"), last.Actor);
    }

    [Fact]
    public async Task WithdrawAsync_CompletedRequest_DeletesTheResultAndExpiresIt()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var filed = await requests.FileAsync(crm, Jane, null);
        Assert.True(await harness.Leases.TryClaimAsync(filed.Request.Id, "test", TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal(CollectionOutcome.Completed, await harness.Collector().CollectAsync(filed.Request.Id, "test", CancellationToken.None));
        Assert.True(harness.Store.Exists(filed.Request.Id));

        var withdrawn = await requests.WithdrawAsync(crm, filed.Request.Id);

        Assert.Equal(RequestState.Expired, withdrawn?.State);
        Assert.False(harness.Store.Exists(filed.Request.Id));
        var stored = await harness.LoadAsync(filed.Request.Id);
        var last = stored.Timeline.OrderBy(t => t.Id).Last();
        Assert.Equal("Deleted by API client crm", last.Reason);
        Assert.Equal(Actor.ApiClient("crm"), last.Actor);
        Assert.NotNull(stored.Result);
        Assert.Equal(harness.Clock.Now, stored.ExpiresAt!.Value, TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WithdrawAsync_AnotherTokensRequest_ChangesNothing()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var requests = Requests(harness);
        var filed = await requests.FileAsync(await ClientAsync(harness, "crm"), Jane, null);

        Assert.Null(await requests.WithdrawAsync(await ClientAsync(harness, "shop"), filed.Request.Id));

        Assert.Equal(RequestState.Queued, (await harness.LoadAsync(filed.Request.Id)).State);
    }

    private static ApiClientRequests Requests(CollectionHarness harness) =>
        new(harness.Database, harness.Filing, harness.Store, harness.Notifier, harness.Clock);

    private static async Task<ApiClient> ClientAsync(CollectionHarness harness, string name)
    {
        var issued = await new ApiTokens(harness.Database, harness.Time).IssueAsync(name);
        return new ApiClient(issued.Id, issued.Name);
    }
}
