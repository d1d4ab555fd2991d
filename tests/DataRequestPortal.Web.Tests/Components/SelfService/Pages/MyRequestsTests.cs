using DataRequestPortal.Core;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.SelfService.Pages;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Web.Tests.Components.SelfService.Pages;

public class MyRequestsTests : PortalTestContext
{
    private const string Jane = "jane@example.com";

    private readonly RequestStatusNotifier notifier = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));
    private readonly ComplianceClock clock;
    private TestDatabase database = default!;

    public MyRequestsTests() => clock = new ComplianceClock(time, TimeZoneInfo.Utc);

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(notifier);
        Services.AddSingleton(clock);
        Services.AddSingleton(new SelfServiceRequests(database, new RequestFiling(database, clock, notifier), clock, notifier));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new OrganisationOptions { Name = "Example Shop" }));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new PortalOptions()));
        Services.AddSingleton<SubjectMails>();
        SignInAs(PortalRoles.Subject, Jane);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task CompletedRequest_NoSourceHeldAnything_SaysPlainlyThatWeHoldNoData()
    {
        var id = await CompletedAsync(records: 0);

        var page = Render<MyRequests>();

        page.WaitForAssertion(() => Assert.Contains(SubjectTexts.NoDataHeld(SubjectType.Email), page.Find("[data-testid=subject-no-data]").TextContent));
        var request = page.Find($"[data-testid=subject-request-{id}]").TextContent;
        Assert.Contains("We hold no personal data about this address.", request);
        Assert.Contains(SubjectTexts.NoDataHeldState, page.Find("[data-testid=subject-state]").TextContent);
        Assert.DoesNotContain("Your data is ready", request);
        Assert.DoesNotContain(SubjectTexts.State(RequestState.Completed), request);
        // The answer itself stays downloadable, as evidence of where we looked.
        Assert.NotNull(page.Find("[data-testid=subject-download-pdf]"));
        Assert.NotNull(page.Find("[data-testid=subject-download-json]"));
    }

    [Fact]
    public async Task CompletedRequest_WithRecords_SaysTheDataIsReady()
    {
        var id = await CompletedAsync(records: 12);

        var page = Render<MyRequests>();

        page.WaitForAssertion(() => Assert.Contains(SubjectTexts.State(RequestState.Completed), page.Find("[data-testid=subject-state]").TextContent));
        Assert.Contains("Your data is ready", page.Find($"[data-testid=subject-request-{id}]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=subject-no-data]"));
    }

    /// <summary>A self-service request of Jane's, collected with <paramref name="records"/> records in all and completed.</summary>
    private async Task<long> CompletedAsync(long records)
    {
        var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, Jane), RequestChannel.SelfService, Actor.DataSubject(Jane), clock);
        request.Verify(Actor.DataSubject(Jane), clock);
        request.StartCollecting(clock, 2);
        request.Complete(new ResultFingerprint(420, new string('a', 64)), clock, TimeSpan.FromDays(30));
        await using var db = database.CreateDbContext();
        db.DataRequests.Add(request);
        await db.SaveChangesAsync();
        var progress = new CollectionProgress(2, 2, records, 420);
        await db.DataRequests.Where(r => r.Id == request.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, progress));
        return request.Id;
    }
}
