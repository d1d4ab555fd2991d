using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

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
        Assert.Equal("https://crm.example.com/hook", Assert.Single(stored.ReportTargets).Target);
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
    public async Task FileAsync_SameSubjectWhileOpen_WithAnotherTarget_AddsItToTheOpenRequest()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var first = await requests.FileAsync(crm, Jane, Target("first@example.com"));

        var byUrl = await requests.FileAsync(crm, Jane, Target("https://crm.example.com/hook"));
        var byAnotherAddress = await requests.FileAsync(crm, Jane, Target("third@example.com"));

        Assert.Equal([ApiFilingOutcome.ReportTargetAdded, ApiFilingOutcome.ReportTargetAdded], new[] { byUrl.Outcome, byAnotherAddress.Outcome });
        Assert.Equal(first.Request.Id, byUrl.Request.Id);
        Assert.Equal(first.Request.Id, byAnotherAddress.Request.Id);
        var stored = await harness.LoadAsync(first.Request.Id);
        Assert.Equal(
            [(1, "first@example.com"), (2, "https://crm.example.com/hook"), (3, "third@example.com")],
            stored.ReportTargets.OrderBy(t => t.Number).Select(t => (t.Number, t.Target)));
        Assert.Single(stored.Timeline);
    }

    [Theory]
    [InlineData(RequestState.Queued, false)]
    [InlineData(RequestState.Collecting, false)]
    [InlineData(RequestState.Failed, false)]
    [InlineData(RequestState.AwaitingSubject, false)]
    [InlineData(RequestState.InReview, false)]
    [InlineData(RequestState.Completed, true)]
    [InlineData(RequestState.Expired, true)]
    [InlineData(RequestState.Cancelled, true)]
    [InlineData(RequestState.Denied, true)]
    public async Task FileAsync_AgainForTheSameSubject_FilesANewRequestOnlyOnceTheFirstIsClosed(RequestState firstIs, bool filesAnew)
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var first = await requests.FileAsync(crm, Jane, null);
        await using (var db = harness.Database.CreateDbContext())
        {
            await db.DataRequests.Where(r => r.Id == first.Request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, firstIs));
        }

        var again = await requests.FileAsync(crm, Jane, null);

        Assert.Equal(filesAnew, again.IsNew);
        Assert.Equal(filesAnew, again.Request.Id != first.Request.Id);
    }

    [Theory]
    [InlineData("jane.doe@example.com", "Jane.Doe@EXAMPLE.com")]
    [InlineData("jane.doe@example.com", "  jane.doe@example.com ")]
    [InlineData("https://crm.example.com/hook?id=7", "HTTPS://CRM.Example.com:443/hook?id=7")]
    public async Task FileAsync_TheSameTargetWrittenDifferently_IsOneTarget(string first, string again)
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var filed = await requests.FileAsync(crm, Jane, Target(first));

        var repeated = await requests.FileAsync(crm, Jane, Target(again));

        Assert.Equal(ApiFilingOutcome.Repeated, repeated.Outcome);
        Assert.Equal(filed.Request.Id, repeated.Request.Id);
        Assert.Equal(first.Trim(), Assert.Single((await harness.LoadAsync(filed.Request.Id)).ReportTargets).Target);
    }

    [Theory]
    [InlineData("https://crm.example.com/hook", "https://crm.example.com/Hook")]
    [InlineData("https://crm.example.com/hook?id=7", "https://crm.example.com/hook?id=8")]
    [InlineData("https://crm.example.com/hook", "http://crm.example.com/hook")]
    public async Task FileAsync_UrlsThatDifferInAnyCharacter_AreTwoTargets(string first, string again)
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var filed = await requests.FileAsync(crm, Jane, Target(first));

        Assert.Equal(ApiFilingOutcome.ReportTargetAdded, (await requests.FileAsync(crm, Jane, Target(again))).Outcome);

        Assert.Equal(2, (await harness.LoadAsync(filed.Request.Id)).ReportTargets.Count);
    }

    [Fact]
    public async Task FileAsync_RepeatedWithEverNewTargets_StopsAtTheMostARequestMayHave()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var filed = await requests.FileAsync(crm, Jane, Target("https://crm.example.com/hook/1"));
        for (var i = 2; i <= DataRequest.MaxReportTargets; i++)
        {
            Assert.Equal(ApiFilingOutcome.ReportTargetAdded, (await requests.FileAsync(crm, Jane, Target($"https://crm.example.com/hook/{i}"))).Outcome);
        }

        var oneTooMany = await requests.FileAsync(crm, Jane, Target("https://crm.example.com/hook/extra"));
        var knownOne = await requests.FileAsync(crm, Jane, Target("https://crm.example.com/hook/3"));

        Assert.Equal(ApiFilingOutcome.TooManyReportTargets, oneTooMany.Outcome);
        Assert.Equal(filed.Request.Id, oneTooMany.Request.Id);
        Assert.Equal(ApiFilingOutcome.Repeated, knownOne.Outcome);
        var stored = await harness.LoadAsync(filed.Request.Id);
        Assert.Equal(DataRequest.MaxReportTargets, stored.ReportTargets.Count);
        Assert.DoesNotContain(stored.ReportTargets, t => t.Target.EndsWith("extra", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FileAsync_PortalProcessesAddingTargetsAtOnce_EachTargetGetsItsOwnNumber()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var filed = await Requests(harness).FileAsync(crm, Jane, Target("https://crm.example.com/hook/1"));

        // One ApiClientRequests per process: each has its own in-process gate, so only the database keeps them apart.
        var added = await Task.WhenAll(Enumerable.Range(2, 3).Select(i => Task.Run(() => Requests(harness).FileAsync(crm, Jane, Target($"https://crm.example.com/hook/{i}")))));

        Assert.All(added, a => Assert.Equal(ApiFilingOutcome.ReportTargetAdded, a.Outcome));
        var stored = await harness.LoadAsync(filed.Request.Id);
        Assert.Equal([1, 2, 3, 4], stored.ReportTargets.Select(t => t.Number).Order());
        Assert.Equal(4, stored.ReportTargets.Select(t => t.Target).Distinct().Count());
    }

    [Fact]
    public async Task FileAsync_FiftyIdenticalFilingsAtOnceThroughTwoProcesses_OneRequestTheRestRepeats()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var processes = new[] { 1, 2 }.Select(p => harness.Database.AnotherProcess(p)).ToArray();

        // One ApiClientRequests per call: nothing in memory is shared, only the database keeps the filings apart.
        var filings = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() =>
        {
            var db = processes[i % 2];
            var requests = new ApiClientRequests(db, new RequestFiling(db, harness.Clock, harness.Notifier), harness.Store, harness.Notifier, harness.Clock);
            return requests.FileAsync(crm, i % 2 == 0 ? Jane : Subject.Create(SubjectType.Email, "Jane@Example.COM"), Target("https://crm.example.com/hook"));
        })));

        var filed = Assert.Single(filings, f => f.IsNew);
        Assert.All(filings.Where(f => !f.IsNew), f => Assert.Equal(ApiFilingOutcome.Repeated, f.Outcome));
        Assert.All(filings, f => Assert.Equal(filed.Request.Id, f.Request.Id));
        await using var context = harness.Database.CreateDbContext();
        Assert.Equal(filed.Request.Id, Assert.Single(await context.DataRequests.Select(r => r.Id).ToListAsync()));
        Assert.Single((await harness.LoadAsync(filed.Request.Id)).ReportTargets);
    }

    [Fact]
    public async Task Database_RefusesASecondOpenRequestForTheSameClientAndSubject()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var other = await ClientAsync(harness, "erp");

        // What two processes do after each has looked and found nothing open: both store a request.
        await harness.Filing.FileForApiClientAsync(Jane, crm, null);
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => harness.Filing.FileForApiClientAsync(Jane, crm, null));

        Assert.True(DatabaseErrors.IsUniqueViolation(refused));
        await harness.Filing.FileForApiClientAsync(Jane, other, null);
    }

    [Fact]
    public async Task FileAsync_ANewTargetForAClosedRequest_FilesANewRequestForIt()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var requests = Requests(harness);
        var first = await requests.FileAsync(crm, Jane, Target("first@example.com"));
        await requests.WithdrawAsync(crm, first.Request.Id);

        var again = await requests.FileAsync(crm, Jane, Target("second@example.com"));

        Assert.Equal(ApiFilingOutcome.Filed, again.Outcome);
        Assert.Equal("first@example.com", Assert.Single((await harness.LoadAsync(first.Request.Id)).ReportTargets).Target);
        Assert.Equal("second@example.com", Assert.Single((await harness.LoadAsync(again.Request.Id)).ReportTargets).Target);
    }

    [Fact]
    public async Task FileAsync_TheOpenRequestCompletesBetweenTheLookAndItsRead_FilesANewRequestForTheTarget()
    {
        await using var harness = await CollectionHarness.CreateAsync([]);
        var crm = await ClientAsync(harness, "crm");
        var first = await Requests(harness).FileAsync(crm, Jane, Target("first@example.com"));
        // The collector completes the request the moment the filing has found it open, before it reads it whole.
        var completing = new CompleteAfterTheLook(harness.Database, first.Request.Id);
        var contexts = new InterceptedContexts(new DbContextOptionsBuilder<PortalDbContext>(harness.Database.Options).AddInterceptors(completing).Options);
        var requests = new ApiClientRequests(contexts, new RequestFiling(contexts, harness.Clock, harness.Notifier), harness.Store, harness.Notifier, harness.Clock);

        var again = await requests.FileAsync(crm, Jane, Target("second@example.com"));

        Assert.True(completing.Completed);
        Assert.Equal(ApiFilingOutcome.Filed, again.Outcome);
        Assert.NotEqual(first.Request.Id, again.Request.Id);
        Assert.Equal("first@example.com", Assert.Single((await harness.LoadAsync(first.Request.Id)).ReportTargets).Target);
        Assert.Equal("second@example.com", Assert.Single((await harness.LoadAsync(again.Request.Id)).ReportTargets).Target);
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
        Assert.True(await harness.Store.ExistsAsync(filed.Request.Id));

        var withdrawn = await requests.WithdrawAsync(crm, filed.Request.Id);

        Assert.Equal(RequestState.Expired, withdrawn?.State);
        Assert.False(await harness.Store.ExistsAsync(filed.Request.Id));
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

    private static ReportTarget Target(string text)
    {
        Assert.True(ReportTarget.TryParse(text, out var target, out var error), error);
        return target;
    }

    private static ApiClientRequests Requests(CollectionHarness harness) =>
        new(harness.Database, harness.Filing, harness.Store, harness.Notifier, harness.Clock);

    private static async Task<ApiClient> ClientAsync(CollectionHarness harness, string name)
    {
        var issued = await new ApiTokens(harness.Database, harness.Time).IssueAsync(name);
        return new ApiClient(issued.Id, issued.Name);
    }

    private sealed class InterceptedContexts(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }

    /// <summary>Once the filing's look for an open request has run, marks <paramref name="requestId"/> completed from another connection.</summary>
    private sealed class CompleteAfterTheLook(TestDatabase database, long requestId) : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public bool Completed { get; private set; }

        public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (!Completed && command.CommandText.Contains("\"ReceivedAt\"", StringComparison.Ordinal) && command.CommandText.Contains("LIMIT", StringComparison.Ordinal))
            {
                Completed = true;
                await using var db = database.CreateDbContext();
                await db.DataRequests.Where(r => r.Id == requestId).ExecuteUpdateAsync(set => set.SetProperty(r => r.State, RequestState.Completed), cancellationToken);
            }

            return result;
        }
    }
}
