using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using RequestsPage = DataRequestPortal.Web.Components.Pages.Requests.Requests;

namespace DataRequestPortal.Web.Tests.Components.Pages.Requests;

public class RequestsTests : PortalTestContext
{
    private readonly RequestStatusNotifier notifier = new();
    private readonly ComplianceClock clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z")), TimeZoneInfo.Utc);
    private TestDatabase database = default!;
    private RequestFiling filing = default!;

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        filing = new RequestFiling(database, clock, notifier, new SubjectNoticeQueue(clock));
        Services.AddSingleton(new RequestList(database, clock));
        Services.AddSingleton(notifier);
        Services.AddSingleton(clock);
        Services.AddSingleton(filing);
        SignInAs(PortalRoles.Officer);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void NoRequests_SaysWhereTheyWillAppear()
    {
        var page = Render<RequestsPage>();

        page.WaitForAssertion(() => Assert.Contains("No requests yet", page.Find("[data-testid=no-requests]").TextContent));
    }

    [Fact]
    public async Task PublishedChanges_UpdateTheListWithoutReloading()
    {
        var jane = await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));
        var page = Render<RequestsPage>();
        page.WaitForAssertion(() => Assert.Equal("Queued", page.Find($".request-{jane.Id} [data-testid=request-state]").TextContent.Trim()));
        await WaitForWatcherAsync();

        notifier.Publish(new RequestStatusChange(jane.Id, jane.Subject, jane.Channel, RequestState.Collecting, new CollectionProgress(1, 2, 40, 2048), clock.Now));

        page.WaitForAssertion(() =>
        {
            Assert.Equal("Collecting", page.Find($".request-{jane.Id} [data-testid=request-state]").TextContent.Trim());
            Assert.Equal("1 of 2 sources · 40 records · 2 KB", page.Find($".request-{jane.Id} [data-testid=request-progress]").TextContent.Trim());
        });

        var john = await filing.FileAsync(Subject.Create(SubjectType.Profile, "4711"), RequestChannel.Api, Actor.ApiClient("crm"));

        page.WaitForAssertion(() => Assert.Contains("4711", page.Find($".request-{john.Id}").TextContent));
        Assert.Equal(2, page.FindAll(".request-row").Count);
    }

    [Fact]
    public void Auditor_CannotFileRequests()
    {
        SignInAs(PortalRoles.Auditor);

        var page = Render<RequestsPage>();

        page.WaitForAssertion(() => Assert.Contains("No requests yet", page.Markup));
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Contains("File a request"));
    }

    [Fact]
    public async Task FilingDialog_RefusesABadAddressAndABlankVerification_ThenFilesWithTheVerificationRecorded()
    {
        var dialogs = Render<MudDialogProvider>();
        var snackbars = Render<MudSnackbarProvider>();
        var page = Render<RequestsPage>();
        page.WaitForAssertion(() => page.Find("button.mud-button-filled"));
        await page.InvokeAsync(() => page.Find("button.mud-button-filled").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#subject-identifier"));

        dialogs.Find("#subject-identifier").Change("not-an-address");
        dialogs.Find("#identity-verification").Change("   ");
        await dialogs.InvokeAsync(() => SubmitButton(dialogs).Click());

        dialogs.WaitForAssertion(() =>
        {
            Assert.Contains("is not a valid email address", dialogs.Markup);
            Assert.Contains("Say how the subject's identity was verified", dialogs.Markup);
        });
        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(0, await db.DataRequests.CountAsync());
        }

        dialogs.Find("#subject-identifier").Change("Jane@Example.com");
        dialogs.Find("#identity-verification").Change("Passport checked at the front desk");
        await dialogs.InvokeAsync(() => SubmitButton(dialogs).Click());

        var filed = await WaitForSingleRequestAsync();
        Assert.Equal("jane@example.com", filed.SubjectId);
        Assert.Equal("Identity verified: Passport checked at the front desk", filed.Timeline[0].Reason);
        Assert.Equal(Actor.Staff("staff@example.com"), filed.Timeline[0].Actor);
        snackbars.WaitForAssertion(() => Assert.Equal($"requests/{filed.Id}", snackbars.Find("[data-testid=filed-link]").GetAttribute("href")));
    }

    [Fact]
    public async Task FilingDialog_SelfServiceDelivery_CanBeChosenOnlyForAnEmailAddress_AndIsRecordedWithItsNotice()
    {
        var dialogs = await OpenFilingDialogAsync();
        Assert.False(SelfServiceDeliveryBox(dialogs).HasAttribute("disabled"));

        await ChooseSubjectTypeAsync(dialogs, SubjectType.Profile);
        dialogs.WaitForAssertion(() => Assert.True(SelfServiceDeliveryBox(dialogs).HasAttribute("disabled")));
        await ChooseSubjectTypeAsync(dialogs, SubjectType.Email);
        dialogs.WaitForAssertion(() => Assert.False(SelfServiceDeliveryBox(dialogs).HasAttribute("disabled")));

        SelfServiceDeliveryBox(dialogs).Change(true);
        dialogs.Find("#subject-identifier").Change("Jane@Example.com");
        dialogs.Find("#identity-verification").Change("Called back on the number on file");
        await dialogs.InvokeAsync(() => SubmitButton(dialogs).Click());

        var filed = await WaitForSingleRequestAsync();
        Assert.True(filed.SelfServiceDelivery);
        await using var db = database.CreateDbContext();
        var notice = await db.ReportDeliveries.SingleAsync();
        Assert.Equal((filed.Id, DeliveryKind.Receipt, "jane@example.com"), (notice.DataRequestId, notice.Kind, notice.Target));
    }

    [Fact]
    public async Task FilingDialog_SelfServiceDeliveryTickedThenAProfileChosen_FilesWithoutIt()
    {
        var dialogs = await OpenFilingDialogAsync();
        SelfServiceDeliveryBox(dialogs).Change(true);

        await ChooseSubjectTypeAsync(dialogs, SubjectType.Profile);
        dialogs.Find("#subject-identifier").Change("4711");
        dialogs.Find("#identity-verification").Change("Signed letter");
        await dialogs.InvokeAsync(() => SubmitButton(dialogs).Click());

        var filed = await WaitForSingleRequestAsync();
        Assert.Equal((SubjectType.Profile, "4711", false), (filed.SubjectType, filed.SubjectId, filed.SelfServiceDelivery));
        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.ReportDeliveries.CountAsync());
    }

    private async Task<IRenderedComponent<MudDialogProvider>> OpenFilingDialogAsync()
    {
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<RequestsPage>();
        page.WaitForAssertion(() => page.Find("button.mud-button-filled"));
        await page.InvokeAsync(() => page.Find("button.mud-button-filled").Click());
        dialogs.WaitForAssertion(() => dialogs.Find("#subject-identifier"));
        return dialogs;
    }

    private static Task ChooseSubjectTypeAsync(IRenderedComponent<MudDialogProvider> dialogs, SubjectType type) =>
        dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<SubjectType>>().Instance.ValueChanged.InvokeAsync(type));

    private static AngleSharp.Dom.IElement SelfServiceDeliveryBox(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.Find("input[type=checkbox]");

    private IRenderedComponent<RequestsPage> RenderAt(string address)
    {
        Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().NavigateTo(address);
        return Render<RequestsPage>();
    }

    private static AngleSharp.Dom.IElement SubmitButton(IRenderedComponent<MudDialogProvider> dialogs) =>
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "File request");

    private async Task<DataRequest> WaitForSingleRequestAsync() =>
        (await Eventually.ReadAsync(
            async () =>
            {
                await using var db = database.CreateDbContext();
                return await db.DataRequests.Include(r => r.Timeline).AsNoTracking().SingleOrDefaultAsync();
            },
            request => request is not null,
            _ => "No request was filed"))!;

    private async Task WaitForWatcherAsync()
    {
        await Eventually.UntilAsync(() => notifier.WatcherCount > 0, "the page follows the requests");
        Assert.Equal(1, notifier.WatcherCount);
    }

    [Fact]
    public async Task TheAddress_FiltersSortsAndPagesTheList()
    {
        for (var i = 0; i < 30; i++)
        {
            await filing.FileAsync(Subject.Create(SubjectType.Email, $"person{i:00}@example.com"), i % 2 == 0 ? RequestChannel.Api : RequestChannel.Staff, Actor.Staff("Olga"));
        }

        var page = RenderAt("/requests?channel=api&sort=subject&dir=asc&page=2&size=10");

        page.WaitForAssertion(() => Assert.Equal("11–15 of 15", page.Find("[data-testid=request-range]").TextContent.Trim()));
        var subjects = page.FindAll(".request-subject").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["person20@example.com", "person22@example.com", "person24@example.com", "person26@example.com", "person28@example.com"], subjects);
    }

    [Fact]
    public async Task ChangingAFilter_PutsItInTheAddress_FromTheFirstPage()
    {
        await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = RenderAt("/requests?page=3");
        page.WaitForAssertion(() => page.Find("#request-search"));

        page.Find("#request-search").Input("jane");

        page.WaitForAssertion(() => Assert.EndsWith("/requests?q=jane", navigation.Uri));
    }

    [Fact]
    public async Task AnUnreadableFilterInTheAddress_IsNamed_AndLeftOut()
    {
        await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));

        var page = RenderAt("/requests?state=Queued,Sleeping&dueFrom=next%20week");

        page.WaitForAssertion(() => Assert.Contains("state=Sleeping, dueFrom=next week", page.Find("[data-testid=ignored-filters]").TextContent));
        Assert.Single(page.FindAll(".request-row"));
    }

    [Fact]
    public async Task FiltersThatMatchNothing_OfferToClearThem()
    {
        await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));

        var page = RenderAt("/requests?overdue=true");

        page.WaitForAssertion(() => Assert.Contains("No requests match these filters", page.Find("[data-testid=no-requests]").TextContent));
    }

    [Fact]
    public async Task TheFilterControls_PutTheirChoicesInTheAddress()
    {
        await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = RenderAt("/requests?page=2");
        page.WaitForAssertion(() => page.Find("#filter-channel"));

        page.Find("#filter-channel").Change("Api");
        page.WaitForAssertion(() => Assert.EndsWith("/requests?channel=api", navigation.Uri));

        page.Find("#filter-type").Change("Profile");
        page.WaitForAssertion(() => Assert.EndsWith("/requests?channel=api&type=profile", navigation.Uri));

        page.Find("#filter-due-from").Change("2026-12-01");
        page.WaitForAssertion(() => Assert.EndsWith("/requests?channel=api&type=profile&dueFrom=2026-12-01", navigation.Uri));

        page.Find("#filter-overdue input").Change(true);
        page.WaitForAssertion(() => Assert.EndsWith("/requests?channel=api&type=profile&dueFrom=2026-12-01&overdue=true", navigation.Uri));
    }

    [Fact]
    public async Task TickingStates_FiltersByEach_InTheirOwnOrder()
    {
        await filing.FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));
        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = RenderAt("/requests");
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".request-row")));

        StateBox(page, "Failed").Change(true);
        page.WaitForAssertion(() => Assert.EndsWith("/requests?state=Failed", navigation.Uri));
        StateBox(page, "Queued").Change(true);

        page.WaitForAssertion(() =>
        {
            Assert.EndsWith("/requests?state=Queued%2CFailed", navigation.Uri);
            Assert.Equal("Queued, Failed", page.Find("#filter-state-value").TextContent.Trim());
            Assert.Single(page.FindAll(".request-row"));
        });
    }

    [Fact]
    public async Task ThePager_MovesBetweenPages_AndThePageSizeStartsAgainAtTheFirst()
    {
        for (var i = 0; i < 30; i++)
        {
            await filing.FileAsync(Subject.Create(SubjectType.Email, $"person{i:00}@example.com"), RequestChannel.Staff, Actor.Staff("Olga"));
        }

        var navigation = Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>();
        var page = RenderAt("/requests?size=10");
        page.WaitForAssertion(() => Assert.Equal("1–10 of 30", page.Find("[data-testid=request-range]").TextContent.Trim()));
        Assert.Equal(["1", "2", "3"], page.FindAll(".mud-pagination-item .mud-button-label").Select(b => b.TextContent.Trim()));
        Assert.True(page.Find("button[aria-label='Previous page']").HasAttribute("disabled"));

        page.Find("button[aria-label='Page 3']").Click();
        page.WaitForAssertion(() => Assert.Equal("21–30 of 30", page.Find("[data-testid=request-range]").TextContent.Trim()));
        Assert.True(page.Find("button[aria-label='Next page']").HasAttribute("disabled"));
        Assert.Equal("page", page.Find("button[aria-label='Current page 3']").GetAttribute("aria-current"));

        page.Find("#page-size").Change("50");
        page.WaitForAssertion(() => Assert.Equal("1–30 of 30", page.Find("[data-testid=request-range]").TextContent.Trim()));
        Assert.EndsWith("/requests?size=50", navigation.Uri);
    }

    private static AngleSharp.Dom.IElement StateBox(IRenderedComponent<RequestsPage> page, string label) =>
        page.FindAll(".portal-multiselect-option").Single(o => o.TextContent.Trim() == label).QuerySelector("input")!;
}
