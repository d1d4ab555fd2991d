using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Staff;
using DataRequestPortal.Web.Subjects;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.SubjectSignInCalls;

namespace DataRequestPortal.Web.Tests.Subjects;

/// <summary>A data subject's downloads: their own results only, each in the audit log; anyone else's answers like a missing one.</summary>
public class SubjectDownloadEndpointsTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SubjectDownloadEndpointsTests(PortalFactory factory) => this.factory = factory;

    [Fact]
    public async Task DownloadJson_OwnCompletedRequest_IsTheStoredResult_AndIsAuditLogged()
    {
        var (client, id) = await CompletedSubjectAsync("jane.doe@example.com");

        var response = await client.GetAsync(SubjectDownloadEndpoints.JsonPath(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var request = await factory.LoadRequestAsync(id.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(request.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        await using var db = await DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.DataRequestId == id && e.Action == AuditAction.ResultDownloaded);
        Assert.Equal(ActorKind.Subject, entry.ActorKind);
        Assert.Equal("jane.doe@example.com", entry.ActorName);
        Assert.Equal("format json", entry.Detail);
    }

    [Fact]
    public async Task DownloadPdf_OwnCompletedRequest_IsTheReport()
    {
        var (client, id) = await CompletedSubjectAsync($"pdf-{Guid.NewGuid():N}@example.org");

        var response = await client.GetAsync(SubjectDownloadEndpoints.PdfPath(id));

        var cover = await ApiCalls.PdfCoverAsync(response);
        Assert.Contains(id.ToString(CultureInfo.InvariantCulture), cover);
    }

    [Fact]
    public async Task Download_AnotherSubjectsRequest_Answers404_AndIsNotLogged()
    {
        var (_, first) = await CompletedSubjectAsync($"first-{Guid.NewGuid():N}@example.org");
        var (second, _) = await CompletedSubjectAsync($"second-{Guid.NewGuid():N}@example.org");

        var json = await second.GetAsync(SubjectDownloadEndpoints.JsonPath(first));
        var pdf = await second.GetAsync(SubjectDownloadEndpoints.PdfPath(first));
        var unknown = await second.GetAsync(SubjectDownloadEndpoints.JsonPath(1234567890123456));

        Assert.Equal(HttpStatusCode.NotFound, json.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, pdf.StatusCode);
        Assert.Equal(await unknown.Content.ReadAsStringAsync(), await json.Content.ReadAsStringAsync());
        Assert.Contains(SubjectTexts.NotYours, await json.Content.ReadAsStringAsync());
        await using var db = await DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.DataRequestId == first && e.Action == AuditAction.ResultDownloaded));
    }

    [Fact]
    public async Task Download_StaffRequestForTheirAddressWithoutSelfServiceDelivery_Answers404_AndIsNotOnTheirPage()
    {
        var email = $"phoned-plain-{Guid.NewGuid():N}@example.org";
        var plain = await FileForStaffAsync(email, selfServiceDelivery: false);
        await factory.WaitForStateAsync(plain.Id, RequestState.Completed);
        var client = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(client, email, viewOnly: true);

        var json = await client.GetAsync(SubjectDownloadEndpoints.JsonPath(plain.Id));
        var pdf = await client.GetAsync(SubjectDownloadEndpoints.PdfPath(plain.Id));
        var page = await PageAsync(client, RequestsPath);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (json.StatusCode, pdf.StatusCode));
        Assert.DoesNotContain(plain.Id.ToString(CultureInfo.InvariantCulture), page);
        await using var db = await DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.DataRequestId == plain.Id && e.Action == AuditAction.ResultDownloaded));
    }

    [Fact]
    public async Task Download_StaffRequestForSelfServiceDelivery_IsTheSubjectsToDownload_AndShowsOnTheirPage()
    {
        var email = $"phoned-{Guid.NewGuid():N}@example.org";
        var delivered = await FileForStaffAsync(email.ToUpperInvariant(), selfServiceDelivery: true);
        await factory.WaitForStateAsync(delivered.Id, RequestState.Completed);
        var client = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(client, email, viewOnly: true);

        var json = await client.GetAsync(SubjectDownloadEndpoints.JsonPath(delivered.Id));
        var pdf = await client.GetAsync(SubjectDownloadEndpoints.PdfPath(delivered.Id));
        var page = await PageAsync(client, RequestsPath);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (json.StatusCode, pdf.StatusCode));
        Assert.Contains(SubjectTexts.RequestHeading(delivered.Id), page);
        Assert.Contains("Request filed by our privacy team", page);
        Assert.DoesNotContain("officer@test.example", page);
        var notice = await factory.WaitForMailAsync(email, m => (m.Subject ?? "").EndsWith("has filed a request for your personal data for you", StringComparison.Ordinal));
        Assert.Contains(delivered.Id.ToString(CultureInfo.InvariantCulture), notice.TextBody);
    }

    [Fact]
    public async Task Download_StaffRequestForSelfServiceDeliveryToAnotherAddress_Answers404()
    {
        var delivered = await FileForStaffAsync($"owner-{Guid.NewGuid():N}@example.org", selfServiceDelivery: true);
        await factory.WaitForStateAsync(delivered.Id, RequestState.Completed);
        var client = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(client, $"curious-{Guid.NewGuid():N}@example.org", viewOnly: true);

        var json = await client.GetAsync(SubjectDownloadEndpoints.JsonPath(delivered.Id));
        var pdf = await client.GetAsync(SubjectDownloadEndpoints.PdfPath(delivered.Id));

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (json.StatusCode, pdf.StatusCode));
    }

    [Fact]
    public async Task RequestsPage_NeverShowsAnotherSubjectsRequest_EvenWhenItsIdIsInTheAddress()
    {
        var (_, first) = await CompletedSubjectAsync($"owner-{Guid.NewGuid():N}@example.org");
        var (second, own) = await CompletedSubjectAsync($"curious-{Guid.NewGuid():N}@example.org");

        var page = await PageAsync(second, $"{RequestsPath}?filed={first}&active={first}");

        Assert.Contains(SubjectTexts.RequestHeading(own), page);
        Assert.DoesNotContain(first.ToString(CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task Download_Anonymous_IsSentToTheSubjectSignIn()
    {
        var (_, id) = await CompletedSubjectAsync($"anon-{Guid.NewGuid():N}@example.org");

        var response = await factory.CreateBrowserLikeClient().GetAsync(SubjectDownloadEndpoints.JsonPath(id));

        Assert.Equal("/my-data?then=requests", PortalFactory.RedirectTarget(response));
    }

    [Fact]
    public async Task SubjectAndStaffSessions_CannotUseEachOthersDownloads()
    {
        var (subject, id) = await CompletedSubjectAsync($"apart-{Guid.NewGuid():N}@example.org");
        var staff = await factory.SignedInStaffAsync($"officer-{Guid.NewGuid():N}@test.example", "Staff-Pass-2026!", PortalRoles.Officer);

        var staffOnSubjectUrl = await staff.GetAsync(SubjectDownloadEndpoints.JsonPath(id));
        var subjectOnStaffUrl = await subject.GetAsync(StaffDownloadEndpoints.JsonPath(id));
        var subjectOnAuditExport = await subject.GetAsync("/audit/export.csv");

        Assert.NotEqual(HttpStatusCode.OK, staffOnSubjectUrl.StatusCode);
        Assert.Contains("/Account/AccessDenied", staffOnSubjectUrl.Headers.Location?.OriginalString ?? "");
        Assert.Equal("/my-data/requests", PortalFactory.RedirectTarget(subjectOnStaffUrl));
        Assert.Equal("/my-data/requests", PortalFactory.RedirectTarget(subjectOnAuditExport));
    }

    [Fact]
    public async Task Download_EveryAnswer_IsKeptOutOfCaches()
    {
        var (_, other) = await CompletedSubjectAsync($"cache-other-{Guid.NewGuid():N}@example.org");
        var (client, id) = await CompletedSubjectAsync($"cache-{Guid.NewGuid():N}@example.org");

        var answers = new List<(HttpStatusCode, bool)>();
        foreach (var path in new[] { SubjectDownloadEndpoints.JsonPath(id), SubjectDownloadEndpoints.PdfPath(id), SubjectDownloadEndpoints.JsonPath(other) })
        {
            var response = await client.GetAsync(path);
            answers.Add((response.StatusCode, response.Headers.CacheControl?.NoStore == true));
        }

        Assert.Equal([(HttpStatusCode.OK, true), (HttpStatusCode.OK, true), (HttpStatusCode.NotFound, true)], answers);
    }

    /// <summary>A signed-in subject whose self-service request has completed.</summary>
    private async Task<(HttpClient Client, long Id)> CompletedSubjectAsync(string email)
    {
        var client = factory.CreateBrowserLikeClient();
        var id = RequestIdIn(await factory.SignInAsync(client, email));
        await factory.WaitForStateAsync(id, RequestState.Completed);
        return (client, id);
    }

    private Task<DataRequest> FileForStaffAsync(string email, bool selfServiceDelivery) =>
        factory.Services.GetRequiredService<RequestFiling>().FileForStaffAsync(
            Subject.Create(SubjectType.Email, email), Actor.Staff("officer@test.example"), "Identity verified: called back on the number on file", null, null, selfServiceDelivery);

    private Task<PortalDbContext> DbAsync() => factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
