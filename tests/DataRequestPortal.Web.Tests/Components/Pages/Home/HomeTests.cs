using System.Globalization;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using HomePage = DataRequestPortal.Web.Components.Pages.Home.Home;

namespace DataRequestPortal.Web.Tests.Components.Pages.Home;

public class HomeTests : PortalTestContext
{
    private readonly ComplianceClock clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z")), TimeZoneInfo.Utc);
    private readonly ManualTaskOptions taskOptions = new();
    private TestDatabase database = default!;

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new RequestOverview(database, new RequestList(database, clock), clock));
        Services.AddSingleton(new RequestStatusNotifier());
        Services.AddSingleton(clock);
        var results = Path.Combine(Path.GetTempPath(), "drp-tests", "results-" + Guid.NewGuid().ToString("N"));
        Services.AddSingleton(new ManualTasks(database, new FolderResultStore(results), new RequestStatusNotifier(), clock));
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(taskOptions));
        SignInAs(PortalRoles.Auditor);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task AnOpenManualTask_ShowsWithinTheWarningDaysBeforeItsDueDate()
    {
        var request = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.com"), "Checked");
        await using (var db = database.CreateDbContext())
        {
            db.ManualTasks.Add(new ManualTask { DataRequestId = request.Id, Number = 1, SourceKey = "archive", SourceTitle = "Paper archive", Assignee = "records@example.com", CreatedAt = clock.Now });
            await db.SaveChangesAsync();
        }

        Assert.Empty(Render<HomePage>().FindAll("[data-testid=tasks-due]"));

        taskOptions.WarnDays = 30;
        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("Paper archive · waiting for records@example.com", page.Find("[data-testid=tasks-due]").TextContent));
    }

    [Fact]
    public void NoRequests_SaysSo_AndShowsZeroForEveryState()
    {
        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("No requests have been filed yet.", page.Markup));
        Assert.All(Enum.GetValues<RequestState>(), state =>
            Assert.Equal("0", page.Find($"[data-testid=count-{state}] [data-testid=count-value]").TextContent.Trim()));
    }

    [Fact]
    public async Task Requests_AreCountedByState()
    {
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        var officer = Actor.Staff("olga@example.org");
        await filing.FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Staff, officer);
        await filing.FileAsync(Subject.Create(SubjectType.Profile, "17"), RequestChannel.Api, Actor.ApiClient("crm"));
        var denied = await filing.FileAsync(Subject.Create(SubjectType.Email, "b@example.com"), RequestChannel.Staff, officer);
        await using (var db = database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == denied.Id);
            request.Deny(officer, "Identity could not be confirmed", clock);
            await db.SaveChangesAsync();
        }

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("3 requests in all, 2 open.", page.Markup));
        Assert.Equal("2", page.Find("[data-testid=count-Queued] [data-testid=count-value]").TextContent.Trim());
        Assert.Equal("1", page.Find("[data-testid=count-Denied] [data-testid=count-value]").TextContent.Trim());
        Assert.Equal("0", page.Find("[data-testid=count-Completed] [data-testid=count-value]").TextContent.Trim());
    }

    [Fact]
    public async Task AnUnverifiedRequest_IsNotCountedAsOpen_InTheHeadlineOrUnderOpen()
    {
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        await filing.FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.org"));
        await filing.FileAsync(Subject.Create(SubjectType.Email, "b@example.com"), RequestChannel.SelfService, Actor.DataSubject("b@example.com"));

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Contains("2 requests in all, 1 open, 1 not yet verified.", page.Markup));
        var open = page.FindAll("[data-testid=state-group-open] [data-testid=count-value]").Sum(count => int.Parse(count.TextContent.Trim(), CultureInfo.InvariantCulture));
        Assert.Equal(1, open);
        Assert.Equal("1", page.Find("[data-testid=state-group-not-yet-verified] [data-testid=count-Unverified] [data-testid=count-value]").TextContent.Trim());
    }

    [Fact]
    public async Task OverdueRequests_AreListed_AndLinkToTheFilteredList()
    {
        var past = new ComplianceClock(new FakeTimeProvider(DateTimeOffset.Parse("2026-09-01T10:00:00Z")), TimeZoneInfo.Utc);
        var late = await new RequestFiling(database, past, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "late@example.com"), RequestChannel.Staff, Actor.Staff("staff@example.com"));
        SignInAs(PortalRoles.Officer, "staff@example.com");

        var page = Render<HomePage>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=overdue] [data-testid=attention-count]").TextContent.Trim()));
        var overdue = page.Find("[data-testid=overdue]");
        Assert.Contains("late@example.com", overdue.TextContent);
        Assert.Contains("1 Oct 2026 · 54 days overdue", overdue.TextContent);
        Assert.Equal($"requests/{late.Id}", overdue.QuerySelector("a.attention-link")!.GetAttribute("href"));
        Assert.Contains(page.FindAll("[data-testid=overdue] a"), a => a.GetAttribute("href") == "/requests?overdue=true&sort=due&dir=asc");
        Assert.Contains("late@example.com", page.Find("[data-testid=my-work]").TextContent);
        Assert.Equal("0", page.Find("[data-testid=due-soon] [data-testid=attention-count]").TextContent.Trim());
    }
}
