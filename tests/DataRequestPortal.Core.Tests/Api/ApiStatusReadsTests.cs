using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Api;

public class ApiStatusReadsTests
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    [Fact]
    public async Task FindAsync_AChangeNobodyPublished_ShowsOnceTheAnswerIsASecondOld()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await CollectionHarness.CreateAsync([], time: time);
        var (_, statuses, crm, filed) = await FiledAndReadOnceAsync(harness);

        await ChangeStateQuietlyAsync(harness, filed.Request.Id, RequestState.Collecting);

        Assert.Equal(RequestState.Queued, (await statuses.FindAsync(crm, filed.Request.Id))!.State);
        time.Advance(ApiStatusReads.MaxAge);
        Assert.Equal(RequestState.Collecting, (await statuses.FindAsync(crm, filed.Request.Id))!.State);
    }

    [Fact]
    public async Task FindAsync_APublishedChange_ShowsAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await CollectionHarness.CreateAsync([], time: time);
        var (requests, statuses, crm, filed) = await FiledAndReadOnceAsync(harness);

        await requests.WithdrawAsync(crm, filed.Request.Id);

        var status = await statuses.FindAsync(crm, filed.Request.Id);
        Assert.Equal(RequestState.Cancelled, status!.State);
        Assert.NotNull(status.CancellationReason);
    }

    [Fact]
    public async Task FindAsync_AChangeAnotherProcessPublished_ShowsAtOnce()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-01T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await CollectionHarness.CreateAsync([], time: time);
        var (_, statuses, crm, filed) = await FiledAndReadOnceAsync(harness);

        await ChangeStateQuietlyAsync(harness, filed.Request.Id, RequestState.Collecting);
        harness.Notifier.DeliverFromElsewhere(new RequestStatusChange(
            filed.Request.Id, Jane, RequestChannel.Api, RequestState.Collecting, filed.Request.Progress, time.GetUtcNow()));

        Assert.Equal(RequestState.Collecting, (await statuses.FindAsync(crm, filed.Request.Id))!.State);
    }

    [Fact]
    public async Task FindAsync_AnotherTokenAskingRightAfterTheOwner_GetsNothing()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var (requests, statuses) = Services(harness);
        var crm = await ClientAsync(harness, "crm");
        var shop = await ClientAsync(harness, "shop");
        var filed = await requests.FileAsync(crm, Jane, null);

        Assert.NotNull(await statuses.FindAsync(crm, filed.Request.Id));
        Assert.Null(await statuses.FindAsync(shop, filed.Request.Id));
        Assert.NotNull(await statuses.FindAsync(crm, filed.Request.Id));
    }

    /// <summary>A request the client filed, whose status it has read once (Queued): that answer is now kept.</summary>
    private static async Task<(ApiClientRequests Requests, ApiStatusReads Statuses, ApiClient Client, ApiFiling Filed)> FiledAndReadOnceAsync(CollectionHarness harness)
    {
        var (requests, statuses) = Services(harness);
        var crm = await ClientAsync(harness, "crm");
        var filed = await requests.FileAsync(crm, Jane, null);
        Assert.Equal(RequestState.Queued, (await statuses.FindAsync(crm, filed.Request.Id))!.State);
        return (requests, statuses, crm, filed);
    }

    private static (ApiClientRequests Requests, ApiStatusReads Statuses) Services(CollectionHarness harness)
    {
        var requests = new ApiClientRequests(harness.Database, harness.Filing, harness.Store, harness.Notifier, harness.Clock);
        return (requests, new ApiStatusReads(requests, harness.Notifier, harness.Time));
    }

    private static async Task<ApiClient> ClientAsync(CollectionHarness harness, string name)
    {
        var issued = await new ApiTokens(harness.Database, harness.Time).IssueAsync(name);
        return new ApiClient(issued.Id, issued.Name);
    }

    /// <summary>A write that publishes nothing, as another process without a relay would make it.</summary>
    private static async Task ChangeStateQuietlyAsync(CollectionHarness harness, long id, RequestState state)
    {
        await using var db = harness.Database.CreateDbContext();
        await db.DataRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, state));
    }
}
