using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Pages.Audit;
using DataRequestPortal.Web.Tests.TestSupport;
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
}
