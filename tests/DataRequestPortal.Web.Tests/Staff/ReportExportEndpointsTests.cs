using System.Net;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Staff;

public class ReportExportEndpointsTests : IClassFixture<PortalFactory>
{
    private const string Password = "Staff-Pass-2026!";
    private readonly PortalFactory factory;

    public ReportExportEndpointsTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task ReportExport_IsCsvOfThePeriodsFigures_ForAnAuditor()
    {
        var clock = factory.Services.GetRequiredService<ComplianceClock>();
        await factory.Services.GetRequiredService<RequestFiling>()
            .FileForStaffAsync(Subject.Create(SubjectType.Email, "report.subject@example.com"), Actor.Staff("olga@example.com"), "Checked", null, Regime.Ccpa);
        var auditor = await factory.SignedInStaffAsync("rita.auditor@example.com", Password, PortalRoles.Auditor);

        var response = await auditor.GetAsync($"/reports/export.csv?year={clock.Today.Year}&month={clock.Today.Month}&regime=ccpa&channel=staff");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n");
        Assert.StartsWith("\"period\",\"regime\",\"channel\",\"received\"", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"\"{clock.Today:yyyy-MM}\",\"CCPA\",\"Staff\",\"", lines[1], StringComparison.Ordinal);
        Assert.NotEqual("\"0\"", lines[1].Split(',')[3]);
    }

    [Fact]
    public async Task ReportExport_WithoutSignIn_GoesToTheSignInPage()
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync("/reports/export.csv");

        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(response));
    }

    [Fact]
    public async Task ReportExport_WithAnUnreadableMonth_IsABadRequestThatSaysWhy()
    {
        var officer = await factory.SignedInStaffAsync("omar.officer@example.com", Password, PortalRoles.Officer);

        var response = await officer.GetAsync("/reports/export.csv?year=2026&month=13");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The month must be a number from 1 to 12.", await response.Content.ReadAsStringAsync());
    }
}
