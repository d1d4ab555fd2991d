using System.Net;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Staff;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Staff;

/// <summary>The dashboard's result downloads: staff only, every download in the audit log.</summary>
public class StaffDownloadEndpointsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public StaffDownloadEndpointsTests(PortalFactory factory) => this.factory = factory;

    [Theory]
    [InlineData(PortalRoles.Officer)]
    [InlineData(PortalRoles.Auditor)]
    public async Task DownloadPdf_Staff_GetsTheReport_AndTheDownloadIsAuditLogged(string role)
    {
        var id = await CompletedRequestAsync("jane.doe@example.com");
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.example";
        var staff = await factory.SignedInStaffAsync(email, "Staff-Pass-2026!", role);

        var response = await staff.GetAsync(StaffDownloadEndpoints.PdfPath(id));

        var cover = await PdfCoverAsync(response);
        Assert.Equal($"datarequest-{id}.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture), cover);
        Assert.Contains((await factory.LoadRequestAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Result!.Sha256, cover);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.DataRequestId == id && e.Action == AuditAction.ResultDownloaded && e.ActorName == email);
        Assert.Equal("format pdf", entry.Detail);
    }

    [Fact]
    public async Task DownloadPdf_Anonymous_IsSentToSignIn_AndGetsNoReport()
    {
        var id = await CompletedRequestAsync("anonymous-try@example.com");

        var response = await factory.CreateBrowserLikeClient().GetAsync(StaffDownloadEndpoints.PdfPath(id));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", PortalFactory.RedirectTarget(response), StringComparison.OrdinalIgnoreCase);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.DataRequestId == id && e.Action == AuditAction.ResultDownloaded));
    }

    [Fact]
    public async Task DownloadPdf_UnknownRequest_Answers404()
    {
        var staff = await factory.SignedInStaffAsync($"officer-{Guid.NewGuid():N}@test.example", "Staff-Pass-2026!", PortalRoles.Officer);

        var response = await staff.GetAsync(StaffDownloadEndpoints.PdfPath(1234567890123456));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Download_EveryAnswer_IsKeptOutOfCaches()
    {
        var id = await CompletedRequestAsync("cache-staff@example.com");
        var staff = await factory.SignedInStaffAsync($"officer-{Guid.NewGuid():N}@test.example", "Staff-Pass-2026!", PortalRoles.Officer);

        var answers = new List<(HttpStatusCode, bool)>();
        foreach (var path in new[] { StaffDownloadEndpoints.JsonPath(id), StaffDownloadEndpoints.PdfPath(id), StaffDownloadEndpoints.JsonPath(1234567890123456) })
        {
            var response = await staff.GetAsync(path);
            answers.Add((response.StatusCode, response.Headers.CacheControl?.NoStore == true));
        }

        Assert.Equal([(HttpStatusCode.OK, true), (HttpStatusCode.OK, true), (HttpStatusCode.NotFound, true)], answers);
    }

    private async Task<long> CompletedRequestAsync(string email)
    {
        var client = factory.CreateApiClient((await factory.IssueTokenAsync()).PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", email))));
        await WaitForStatusAsync(client, id);
        Assert.Equal(RequestState.Completed, (await factory.LoadRequestAsync(id)).State);
        return long.Parse(id, System.Globalization.CultureInfo.InvariantCulture);
    }
}
