using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Pages.Requests;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace DataRequestPortal.Web.Tests.Components.Pages.Requests;

public class RequestDetailPageTests : PortalTestContext
{
    private readonly RequestStatusNotifier notifier = new();
    private readonly ComplianceClock clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z")), TimeZoneInfo.Utc);
    private TestDatabase database = default!;
    private DataRequest request = default!;

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(notifier);
        Services.AddSingleton(clock);
        Services.AddSingleton(new RequestDetails(database));
        Services.AddSingleton(new RequestActions(database, clock, notifier));
        Services.AddScoped<StaffRequestActions>();
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

        page.WaitForAssertion(() => Assert.Equal(["Cancel", "Deny", "Extend due date"],
            page.FindAll("[data-testid=request-actions] button").Select(b => b.TextContent.Trim())));
        Assert.Contains("Passport checked", page.Find("[data-testid=timeline]").TextContent);
        Assert.Contains("olga@example.com", page.Find("[data-testid=timeline]").TextContent);
        Assert.Contains("24 Dec 2026 · in 30 days", page.Find("[data-testid=detail-due]").TextContent);
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
        dialogs.Find("#action-reason").Input("Manifestly unfounded: the fourth identical request this month.");
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

        await new RequestActions(database, clock, new RequestStatusNotifier())
            .ApplyAsync(new RequestActionCommand(request.Id, RequestActions.LastEntryId(request), RequestAction.Cancel, "Withdrawn"), Actor.Staff("piet@example.com"));
        dialogs.Find("#action-reason").Input("Archive restore");
        await dialogs.InvokeAsync(() => dialogs.Find("[data-testid=action-confirm]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("changed by piet@example.com", dialogs.Find("[data-testid=action-error]").TextContent));
        Assert.Null((await StoredAsync()).ExtendedAt);
    }

    [Fact]
    public async Task AnApiRequestAskedForAgainWithOtherTargets_ListsEveryPlaceItReportsTo()
    {
        Assert.True(Core.Api.ReportTarget.TryParse("crm@example.com", out var first, out _));
        Assert.True(Core.Api.ReportTarget.TryParse("https://crm.example.com/hooks/datarequest", out var second, out _));
        var filed = await new RequestFiling(database, clock, notifier)
            .FileForApiClientAsync(Subject.Create(SubjectType.Profile, "2"), new Core.Api.ApiClient(7, "crm"), first);
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

    private async Task<DataRequest> StoredAsync()
    {
        await using var db = database.CreateDbContext();
        return await db.DataRequests.Include(r => r.Timeline).AsNoTracking().SingleAsync(r => r.Id == request.Id);
    }
}
