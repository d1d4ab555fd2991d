using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Pages.Requests;
using DataRequestPortal.Web.Staff;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace DataRequestPortal.Web.Tests.Components.Pages.Requests;

public class RequestDetailPageTests : PortalTestContext
{
    private readonly RequestStatusNotifier notifier = new();
    private readonly FakeTimeProvider time = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z"));
    private readonly ComplianceClock clock;
    private TestDatabase database = default!;
    private DataRequest request = default!;

    public RequestDetailPageTests() => clock = new ComplianceClock(time, TimeZoneInfo.Utc);

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(notifier);
        Services.AddSingleton(clock);
        Services.AddSingleton(new RequestDetails(database, new SourceCatalog([])));
        Services.AddSingleton(new RequestActions(database, clock, notifier, new SubjectNoticeQueue(clock)));
        Services.AddScoped<StaffRequestActions>();
        var results = Path.Combine(Path.GetTempPath(), "drp-tests", "results-" + Guid.NewGuid().ToString("N"));
        Services.AddSingleton(new ManualTasks(database, new FolderResultStore(results), notifier, clock));
        Services.AddScoped<StaffTaskActions>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new RequestOptions()));
        request = await new RequestFiling(database, clock, notifier)
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.com"), "Passport checked");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    private IRenderedComponent<RequestDetailPage> RenderPage() => Render<RequestDetailPage>(p => p.Add(x => x.Id, request.Id));

    [Fact]
    public void AnOfficer_SeesTheActionsTheStateAllows()
    {
        SignInAs(PortalRoles.Officer);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal(["Cancel", "Deny", "Extend due date", "Ask the subject"],
            page.FindAll("[data-testid=request-actions] button").Select(b => b.TextContent.Trim())));
        Assert.Contains("Passport checked", page.Find("[data-testid=timeline]").TextContent);
        Assert.Contains("olga@example.com", page.Find("[data-testid=timeline]").TextContent);
        Assert.Contains("24 Dec 2026 · in 30 days", page.Find("[data-testid=detail-due]").TextContent);
    }

    [Fact]
    public async Task TheTimeline_NamesAStaffMemberByTheirAccount_WithTheAddressOnHover()
    {
        await StaffMembers.AddAsync(database, "olga@example.com", "Olga Officer", PortalRoles.Officer);
        SignInAs(PortalRoles.Auditor);

        var page = RenderPage();

        page.WaitForAssertion(() =>
        {
            var actor = page.Find("[data-testid=timeline] .timeline-actor");
            Assert.Equal("Olga Officer", actor.TextContent.Trim());
            Assert.Equal("olga@example.com", actor.GetAttribute("title"));
        });
        Assert.DoesNotContain("olga@example.com", page.Find("[data-testid=timeline]").TextContent);
    }

    [Fact]
    public async Task ACompletedRequestThatFoundNothing_SaysSoInTheResult()
    {
        await using (var db = database.CreateDbContext())
        {
            var filed = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
            filed.StartCollecting(clock, 2);
            filed.Complete(new ResultFingerprint(420, new string('a', 64)), clock, TimeSpan.FromDays(30));
            await db.SaveChangesAsync();
        }

        SignInAs(PortalRoles.Auditor);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("No personal data found in any source", page.Find("[data-testid=detail-nothing-found]").TextContent));
        Assert.NotNull(page.Find("[data-testid=download-pdf]"));
    }

    [Fact]
    public async Task TheSourcesCard_SaysWhereWeLooked()
    {
        await using (var db = database.CreateDbContext())
        {
            db.SourceRuns.Add(new CollectionSourceRun { DataRequestId = request.Id, Position = 0, SourceKey = "shop", SourceTitle = "Web shop", State = SourceRunState.Done, Attempts = 2, Records = 5 });
            await db.SaveChangesAsync();
        }

        SignInAs(PortalRoles.Auditor);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains(
            "Searched: 5 records found. The search failed 1 time first and succeeded when retried.", page.Find("[data-testid=where-we-looked]").TextContent));
    }

    [Theory]
    [InlineData(PortalRoles.Officer, true)]
    [InlineData(PortalRoles.Auditor, false)]
    public async Task AManualTask_ShowsWhoIsAwaited_AndOnlyOfficersMayDoIt(string role, bool mayAct)
    {
        await using (var db = database.CreateDbContext())
        {
            db.SourceRuns.Add(new CollectionSourceRun { DataRequestId = request.Id, Position = 0, SourceKey = "archive", SourceTitle = "Paper archive", State = SourceRunState.AwaitingTask });
            db.ManualTasks.Add(new ManualTask { DataRequestId = request.Id, Number = 1, SourceKey = "archive", SourceTitle = "Paper archive", Assignee = "records@example.com", CreatedAt = time.GetUtcNow() });
            db.ManualTasks.Add(new ManualTask
            {
                DataRequestId = request.Id, Number = 2, SourceKey = "ledger", SourceTitle = "Ledgers", Assignee = "Officer", CreatedAt = time.GetUtcNow(),
                State = ManualTaskState.Attested, CompletedBy = "Olga Officer", CompletedAt = time.GetUtcNow(), Note = "Both ledgers checked",
            });
            await db.SaveChangesAsync();
        }

        SignInAs(role);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("Waiting for records@example.com", page.Find("[data-testid=task-1]").TextContent));
        Assert.Contains("Olga Officer searched and attested that nothing was found", page.Find("[data-testid=task-2]").TextContent);
        Assert.Contains("Waiting for records@example.com", page.Find(".source-archive [data-testid=source-state]").TextContent);
        Assert.Equal(mayAct, page.FindAll("[data-testid=task-attest]").Count == 1);
    }

    [Fact]
    public void AnAuditor_SeesTheRequest_ButNoActions()
    {
        SignInAs(PortalRoles.Auditor);

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("jane@example.com", page.Find("[data-testid=detail-subject]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=request-actions]"));
    }

    [Fact]
    public async Task DenyDialog_WarnsTheSubjectWillSeeIt_AndRefusesABlankReason_ThenDeniesOnCtrlEnter()
    {
        SignInAs(PortalRoles.Officer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-deny]"));

        await page.InvokeAsync(() => page.Find("[data-testid=action-deny]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("The subject will see this reason", dialogs.Find("[data-testid=deny-warning]").TextContent));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("A denial needs a reason the subject can read.", dialogs.Markup));
        Assert.Equal(RequestState.Queued, (await StoredAsync()).State);

        // Ctrl+Enter sends from the reason box, with what was typed so far.
        dialogs.Find("#action-reason").Change("Manifestly unfounded: the fourth identical request this month.");
        await dialogs.InvokeAsync(() => dialogs.Find("#action-reason").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Enter", CtrlKey = true }));

        page.WaitForAssertion(() => Assert.Equal("Denied", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        var stored = await StoredAsync();
        Assert.Equal("Manifestly unfounded: the fourth identical request this month.", stored.DenialReason);
        Assert.Equal(Actor.Staff("staff@example.com"), stored.Timeline.OrderBy(t => t.Id).Last().Actor);
    }

    [Fact]
    public async Task AnActionOnARequestAnotherOfficerJustChanged_ShowsWhy_AndChangesNothing()
    {
        SignInAs(PortalRoles.Officer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-extend]"));
        await page.InvokeAsync(() => page.Find("[data-testid=action-extend]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#action-reason"));

        await new RequestActions(database, clock, new RequestStatusNotifier(), new SubjectNoticeQueue(clock))
            .ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Cancel, "Withdrawn"), Actor.Staff("piet@example.com"));
        dialogs.Find("#action-reason").Change("Archive restore");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("changed by piet@example.com", dialogs.Find("[data-testid=action-error]").TextContent));
        Assert.Null((await StoredAsync()).ExtendedAt);
    }

    [Fact]
    public async Task ExtendDialog_OnAnOverdueRequest_SaysWhyItCannot_AndExtendsNothing()
    {
        SignInAs(PortalRoles.Officer);
        time.Advance(TimeSpan.FromDays(31));
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-extend]"));

        await page.InvokeAsync(() => page.Find("[data-testid=action-extend]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("was due on 24 Dec 2026 and is 1 day overdue", dialogs.Find("[data-testid=extend-refused]").TextContent));
        Assert.True(dialogs.Find("[data-testid=action-confirm]").HasAttribute("disabled"));
        Assert.Null((await StoredAsync()).ExtendedAt);
    }

    [Fact]
    public async Task ExtendDialog_BeforeTheDueDate_WarnsTheSubjectSeesTheReason_AndExtends()
    {
        SignInAs(PortalRoles.Officer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-extend]"));

        await page.InvokeAsync(() => page.Find("[data-testid=action-extend]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("will see this reason", dialogs.Find("[data-testid=extend-warning]").TextContent));
        dialogs.Find("#action-reason").Change("Eleven years of mail archives to restore.");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        page.WaitForAssertion(() => Assert.Contains("24 Jan 2027", page.Find("[data-testid=detail-due]").TextContent));
        Assert.Equal("Eleven years of mail archives to restore.", (await StoredAsync()).ExtensionReason);
    }

    [Fact]
    public async Task AskTheSubject_ThenRecordTheirAnswer_PausesAndResumesTheRequest()
    {
        SignInAs(PortalRoles.Officer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-asksubject]"));

        await page.InvokeAsync(() => page.Find("[data-testid=action-asksubject]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("send the question yourself", dialogs.Find("[data-testid=ask-warning]").TextContent));
        Assert.Contains("clock stands still", dialogs.Find("[data-testid=clock-effect]").TextContent);
        dialogs.Find("#action-reason").Change("Which customer number is on your last invoice?");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        page.WaitForAssertion(() => Assert.Equal("Awaiting subject", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        Assert.Contains("Which customer number", page.Find("[data-testid=awaiting-subject]").TextContent);
        Assert.Contains("Paused: asked the subject", page.Find("[data-testid=timeline]").TextContent);

        time.Advance(TimeSpan.FromDays(3));
        await page.InvokeAsync(() => page.Find("[data-testid=action-recordanswer]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#action-reason"));
        dialogs.Find("#action-reason").Change("By phone: 4411");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        Assert.Contains("Resumed: the subject's answer", page.Find("[data-testid=timeline]").TextContent);
        Assert.Equal(new DateOnly(2026, 12, 27), (await StoredAsync()).DueDate);
    }

    [Fact]
    public async Task CancelDialog_RefusesABlankReason()
    {
        SignInAs(PortalRoles.Officer);
        var dialogs = Render<MudDialogProvider>();
        var page = RenderPage();
        page.WaitForAssertion(() => page.Find("[data-testid=action-cancel]"));

        await page.InvokeAsync(() => page.Find("[data-testid=action-cancel]").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("[data-testid=action-confirm]"));
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("A cancellation needs a reason the subject can read.", dialogs.Markup));
        Assert.Equal(RequestState.Queued, (await StoredAsync()).State);
    }

    [Fact]
    public async Task ACompletionAfterTheDueDate_IsMarkedLate()
    {
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
            stored.StartCollecting(clock, 1);
            time.Advance(TimeSpan.FromDays(33));
            stored.Complete(new ResultFingerprint(10, new string('a', 64)), clock, TimeSpan.FromDays(30));
            await db.SaveChangesAsync();
        }

        SignInAs(PortalRoles.Auditor);
        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("completed 3 days late", page.Find("[data-testid=detail-late]").TextContent.Trim()));
    }

    [Fact]
    public async Task AnApiRequestAskedForAgainWithOtherTargets_ListsEveryPlaceItReportsTo()
    {
        Assert.True(Core.Requests.ReportTarget.TryParse("crm@example.com", out var first, out _));
        Assert.True(Core.Requests.ReportTarget.TryParse("https://crm.example.com/hooks/datarequest", out var second, out _));
        var filed = await new RequestFiling(database, clock, notifier)
            .FileForApiClientAsync(Subject.Create(SubjectType.Profile, "2"), new Core.Requests.ApiClient(7, "crm"), first);
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.ReportTargets).SingleAsync(r => r.Id == filed.Id);
            Assert.Equal(ReportTargetAddition.Added, stored.AddReportTarget(second, clock));
            await db.SaveChangesAsync();
        }

        SignInAs(PortalRoles.Auditor);
        var page = Render<RequestDetailPage>(p => p.Add(x => x.Id, filed.Id));

        page.WaitForAssertion(() => Assert.Equal(
            ["crm@example.com", "https://crm.example.com/hooks/datarequest"],
            page.FindAll("[data-testid=report-targets] div").Select(d => d.TextContent.Trim())));
    }

    [Fact]
    public async Task AStaffRequestForSelfServiceDelivery_SaysSo_OthersDoNot()
    {
        var delivered = await new RequestFiling(database, clock, notifier, new SubjectNoticeQueue(clock))
            .FileForStaffAsync(Subject.Create(SubjectType.Email, "john@example.com"), Actor.Staff("olga@example.com"), "Identity verified: by phone", null, null, selfServiceDelivery: true);
        SignInAs(PortalRoles.Auditor);

        var page = Render<RequestDetailPage>(p => p.Add(x => x.Id, delivered.Id));
        var plain = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("Delivered through the self-service page", page.Find("[data-testid=detail-self-service-delivery]").TextContent.Trim()));
        plain.WaitForAssertion(() => Assert.Contains("jane@example.com", plain.Find("[data-testid=detail-subject]").TextContent));
        Assert.Empty(plain.FindAll("[data-testid=detail-self-service-delivery]"));
    }

    [Fact]
    public void AnUnknownId_SaysThereIsNoSuchRequest()
    {
        SignInAs(PortalRoles.Auditor);

        var page = Render<RequestDetailPage>(p => p.Add(x => x.Id, 4_000_000_000_000_001));

        page.WaitForAssertion(() => Assert.Contains("There is no request 4000000000000001", page.Find("[data-testid=request-not-found]").TextContent));
    }

    [Fact]
    public async Task AChangeMadeElsewhere_ShowsOnTheOpenPage_WithTheTimelineEntry()
    {
        SignInAs(PortalRoles.Officer);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(1, notifier.WatcherCount));

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
            stored.Cancel(Actor.ApiClient("CRM"), clock, "Withdrawn by the CRM");
            await db.SaveChangesAsync();
            notifier.Publish(RequestStatusChange.Of(stored, clock.Now));
        }

        page.WaitForAssertion(() => Assert.Equal("Cancelled", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Contains("Withdrawn by the CRM", page.Find("[data-testid=timeline]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=request-actions] button"));
    }

    [Fact]
    public async Task AnUnverifiedRequest_ShowsNoDueDate_AndSaysWhenTheClockStarts()
    {
        SignInAs(PortalRoles.Auditor);
        var unverified = await new RequestFiling(database, clock, notifier)
            .FileAsync(Subject.Create(SubjectType.Email, "zoe@example.com"), RequestChannel.SelfService, Actor.DataSubject("zoe@example.com"));

        var page = Render<RequestDetailPage>(p => p.Add(x => x.Id, unverified.Id));

        page.WaitForAssertion(() => Assert.Equal("Not set yet: the one month starts when the subject confirms the address",
            page.Find("[data-testid=detail-due]").TextContent.Trim()));
        Assert.DoesNotContain("2026", page.Find("[data-testid=detail-due]").TextContent);
        Assert.Contains("Collection starts when the subject confirms the address", page.Find("[data-testid=no-result]").TextContent);
    }

    [Fact]
    public async Task ADeniedRequest_SaysPlainlyThereIsNoResult_AndWhy()
    {
        SignInAs(PortalRoles.Auditor);
        await using (var db = database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
            stored.Deny(Actor.Staff("olga@example.com"), "Manifestly unfounded", clock);
            await db.SaveChangesAsync();
        }

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Equal("No result: the request was denied, so no data was collected or released.",
            page.Find("[data-testid=no-result]").TextContent.Trim()));
        Assert.DoesNotContain("appears here", page.Markup);
    }

    [Fact]
    public async Task AStateChange_IsAnnouncedToScreenReaders_ButNotTheStateThePageOpenedWith()
    {
        SignInAs(PortalRoles.Officer);
        var page = RenderPage();
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find("[data-testid=detail-state]").TextContent.Trim()));
        page.WaitForAssertion(() => Assert.Equal(1, notifier.WatcherCount));
        var region = page.Find("[data-testid=status-announcement]");
        Assert.Equal("polite", region.GetAttribute("aria-live"));
        Assert.Equal("", region.TextContent.Trim());

        await using (var db = database.CreateDbContext())
        {
            var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == request.Id);
            stored.Cancel(Actor.ApiClient("CRM"), clock, "Withdrawn by the CRM");
            await db.SaveChangesAsync();
            notifier.Publish(RequestStatusChange.Of(stored, clock.Now));
        }

        page.WaitForAssertion(() => Assert.Equal($"Request {request.Id}: Cancelled", page.Find("[data-testid=status-announcement]").TextContent.Trim()));
    }

    private async Task<DataRequest> StoredAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.DataRequests.Include(r => r.Timeline).AsNoTracking().SingleAsync(r => r.Id == request.Id);
    }
}
