using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using ReportsPage = DataRequestPortal.Web.Components.Pages.Reports.Reports;

namespace DataRequestPortal.Web.Tests.Components.Pages.Reports;

public class ReportsTests : PortalTestContext
{
    private readonly ComplianceClock clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-30T10:00:00Z")), TimeZoneInfo.Utc);
    private TestDatabase database = default!;

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(new ComplianceReport(database, clock));
        Services.AddSingleton(clock);
        SignInAs(PortalRoles.Auditor);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task TheAddress_ChoosesThePeriod_AndTheFiguresAndMonthsAreShown()
    {
        var officer = Actor.Staff("olga@example.com");
        var completed = File("2026-02-02T09:00:00Z", officer);
        completed.StartCollecting(At("2026-03-09T09:00:00Z"), 1);
        completed.Complete(new ResultFingerprint(10, new string('a', 64)), At("2026-03-09T09:00:00Z"), TimeSpan.FromDays(30)); // 35 days, 3 late
        var denied = File("2026-03-03T09:00:00Z", officer);
        denied.Deny(officer, "Manifestly unfounded", At("2026-03-04T09:00:00Z"));
        var july = File("2026-07-01T09:00:00Z", officer);
        await using (var db = database.CreateDbContext())
        {
            db.DataRequests.AddRange(completed, denied, july);
            await db.SaveChangesAsync();
        }

        var page = RenderAt("/reports?year=2026&quarter=1");

        page.WaitForAssertion(() => Assert.Equal("2", Figure(page, "received")));
        Assert.Equal("1", Figure(page, "completed"));
        Assert.Equal("1", Figure(page, "late"));
        Assert.Equal("1", Figure(page, "denied"));
        Assert.Equal("35", Figure(page, "median"));
        Assert.Equal("0%", Figure(page, "on-time"));
        Assert.Contains("Manifestly unfounded", page.Find("[data-testid=report-denials]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid^=month-]").Count);
        Assert.Contains("/reports/export.csv?year=2026&quarter=1", page.Find("[data-testid=report-export]").GetAttribute("href"));
    }

    [Fact]
    public async Task ChangingAFilter_PutsItInTheAddress_AndShowsThatPeriod()
    {
        var july = File("2026-07-01T09:00:00Z", Actor.Staff("olga@example.com"), Regime.Ccpa);
        await using (var db = database.CreateDbContext())
        {
            db.DataRequests.Add(july);
            await db.SaveChangesAsync();
        }

        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = RenderAt("/reports?year=2026&quarter=1");
        page.WaitForAssertion(() => Assert.Equal("0", Figure(page, "received")));

        await page.InvokeAsync(() => page.FindComponents<MudSelect<int>>().Single(s => s.Instance.Label == "Quarter").Instance.ValueChanged.InvokeAsync(3));
        page.WaitForAssertion(() => Assert.EndsWith("/reports?year=2026&quarter=3", navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal("1", Figure(page, "received")));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<Regime?>>().Instance.ValueChanged.InvokeAsync(Regime.Gdpr));
        page.WaitForAssertion(() => Assert.EndsWith("/reports?year=2026&quarter=3&regime=GDPR", navigation.Uri));
        page.WaitForAssertion(() => Assert.Equal("0", Figure(page, "received")));
    }

    [Fact]
    public void AnUnreadablePeriod_IsExplained_AndTheCurrentYearShown()
    {
        var page = RenderAt("/reports?year=2026&month=13");

        page.WaitForAssertion(() => Assert.Contains("The month must be a number from 1 to 12.", page.Find("[data-testid=report-error]").TextContent));
        Assert.Contains("2026", page.Find("[data-testid=report-figures] h2").TextContent);
    }

    private static string Figure(IRenderedComponent<ReportsPage> page, string id) =>
        page.Find($"[data-testid=figure-{id}] [data-testid=figure-value]").TextContent.Trim();

    private IRenderedComponent<ReportsPage> RenderAt(string address)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo(address);
        return Render<ReportsPage>();
    }

    private static ComplianceClock At(string utc) => new(new FakeTimeProvider(DateTimeOffset.Parse(utc)), TimeZoneInfo.Utc);

    private static DataRequest File(string utc, Actor actor, Regime regime = Regime.Gdpr) =>
        DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, actor, At(utc), regime: regime);
}
