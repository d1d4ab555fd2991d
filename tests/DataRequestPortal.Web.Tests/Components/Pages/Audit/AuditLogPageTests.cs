using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Pages.Audit;
using DataRequestPortal.Web.Tests.TestSupport;
using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Web.Tests.Components.Pages.Audit;

public class AuditLogPageTests : PortalTestContext
{
    private readonly ComplianceClock clock = new(new FakeTimeProvider(DateTimeOffset.Parse("2026-11-24T10:00:00Z")), TimeZoneInfo.Utc);
    private TestDatabase database = default!;
    private DataRequest request = default!;

    public override async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        Services.AddSingleton(clock);
        Services.AddSingleton(new AuditLog(database, clock));
        Services.AddSingleton(new StaffNames(database));
        request = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.com"), "Passport checked");
        SignInAs(PortalRoles.Auditor);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public void ARequestId_IsAnUnderlinedLinkToTheRequest()
    {
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() =>
        {
            var link = page.Find("[data-testid=audit-request-link]");
            Assert.Equal($"requests/{request.Id}", link.GetAttribute("href"));
            Assert.Contains("mud-link-underline-always", link.ClassName);
        });
    }

    [Fact]
    public async Task AStaffMember_IsListedByTheirName_WithTheAddressOnHover_AndTheExportKeepsTheAddress()
    {
        await StaffMembers.AddAsync(database, "olga@example.com", "Olga Officer", PortalRoles.Officer);

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() =>
        {
            var actor = page.Find(".audit-entry .audit-actor");
            Assert.Equal("Olga Officer", actor.TextContent.Trim());
            Assert.Equal("olga@example.com", actor.GetAttribute("title"));
        });
        Assert.DoesNotContain("olga@example.com", page.Find(".audit-table tbody").TextContent);

        using var csv = new MemoryStream();
        await Services.GetRequiredService<AuditLog>().WriteCsvAsync(AuditFilter.All, csv);
        var exported = Encoding.UTF8.GetString(csv.ToArray());
        Assert.Contains("\"Staff\",\"olga@example.com\",\"RequestFiled\"", exported);
    }

    [Fact]
    public async Task TheSubjectsAddress_IsNeverSwappedForAStaffName()
    {
        // The subject's address is also a staff member's: the entry that concerns the subject keeps what it recorded.
        await StaffMembers.AddAsync(database, "jane@example.com", "Jane Staff", PortalRoles.Officer);
        await Services.GetRequiredService<AuditLog>().RecordAsync(Actor.DataSubject("jane@example.com"), AuditAction.SignedIn, target: "jane@example.com");

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() =>
        {
            var subject = page.Find(".audit-entry[data-action=SignedIn] .audit-actor");
            Assert.Equal("jane@example.com", subject.TextContent.Trim());
            Assert.False(subject.HasAttribute("title"));
        });
        Assert.DoesNotContain("Jane Staff", page.Find(".audit-table tbody").TextContent);
    }

    [Fact]
    public async Task WhoTypedAsAStaffMembersName_FindsTheirEntries()
    {
        await StaffMembers.AddAsync(database, "olga@example.com", "Olga Officer", PortalRoles.Officer);
        await Services.GetRequiredService<AuditLog>().RecordAsync(Actor.Staff("someone@example.com"), AuditAction.SignedIn);
        Services.GetRequiredService<NavigationManager>().NavigateTo("audit?actor=olga%20officer");

        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() => Assert.Equal(["Olga Officer"], page.FindAll(".audit-entry .audit-actor").Select(a => a.TextContent.Trim())));
    }

    [Fact]
    public void TheCalendarButtons_SayWhichDayTheyChoose()
    {
        var page = Render<AuditLogPage>();

        page.WaitForAssertion(() =>
        {
            Assert.Single(page.FindAll("button[aria-label='Choose the first day']"));
            Assert.Single(page.FindAll("button[aria-label='Choose the last day']"));
            Assert.Empty(page.FindAll("button[aria-label=Open]"));
        });
    }

    [Theory]
    [InlineData("audit-from", "from")]
    [InlineData("audit-to", "to")]
    public void ADateTypedAndEntered_FiltersTheLog(string inputId, string parameter)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var page = Render<AuditLogPage>();
        page.WaitForElement($"#{inputId}");

        page.Find($"#{inputId}").Input("2026-11-20");
        Assert.DoesNotContain("2026-11-20", navigation.Uri);
        page.Find($"#{inputId}").KeyDown(new KeyboardEventArgs { Key = "Enter" });

        // The page applies the date after its handler's await: wait for the address rather than read it at once.
        page.WaitForAssertion(() => Assert.EndsWith($"audit?{parameter}=2026-11-20", navigation.Uri), TimeSpan.FromSeconds(60));
    }
}
