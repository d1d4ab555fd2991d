using System.Net;
using System.Security.Cryptography;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Staff;

public class StaffEndpointsTests : IClassFixture<PortalFactory>
{
    private const string Password = "Staff-Pass-2026!";
    private readonly PortalFactory factory;

    public StaffEndpointsTests(PortalFactory factory) => this.factory = factory;

    private async Task<DataRequest> FileAsync(string email)
    {
        var filing = factory.Services.GetRequiredService<RequestFiling>();
        return await filing.FileAsync(Subject.Create(SubjectType.Email, email), RequestChannel.Staff, Actor.Staff("olga@example.com"), "Checked");
    }

    // Not collected until the subject verifies, so the test, not the collector, decides what happens to it.
    private async Task<DataRequest> UnverifiedAsync(string email)
    {
        var filing = factory.Services.GetRequiredService<RequestFiling>();
        return await filing.FileAsync(Subject.Create(SubjectType.Email, email), RequestChannel.SelfService, Actor.DataSubject(email));
    }

    private async Task<DataRequest> CompletedAsync(string email)
    {
        var request = await FileAsync(email);
        return await Eventually.ReadAsync(
            () => factory.LoadRequestAsync(request.Id.ToString()),
            current => current.State == RequestState.Completed,
            current => $"Request is still {current.State}");
    }

    private async Task<List<AuditEntry>> AuditAsync(long requestId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEntries.Where(e => e.DataRequestId == requestId).OrderBy(e => e.Id).ToListAsync();
    }

    [Fact]
    public async Task Download_ByAnAuditor_IsTheExactResult_AndIsAuditLogged()
    {
        var request = await CompletedAsync("jane.doe@example.com");
        var client = await factory.SignedInStaffAsync("ada.auditor@example.com", Password, PortalRoles.Auditor);

        var response = await client.GetAsync($"/requests/{request.Id}/download/json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(request.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        var download = Assert.Single(await AuditAsync(request.Id), e => e.Action == AuditAction.ResultDownloaded);
        Assert.Equal("ada.auditor@example.com", download.ActorName);
        Assert.Equal("format json", download.Detail);
    }

    [Fact]
    public async Task Download_WithoutSigningIn_GoesToSignIn_AndLogsNothing()
    {
        var request = await FileAsync("p.jansen@example.net");

        var response = await factory.CreateBrowserLikeClient().GetAsync($"/requests/{request.Id}/download/json");

        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(response));
        Assert.DoesNotContain(await AuditAsync(request.Id), e => e.Action == AuditAction.ResultDownloaded);
    }

    [Fact]
    public async Task Download_OfARequestWithoutAResult_SaysWhy()
    {
        var request = await UnverifiedAsync("nobody@example.com");
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var tracked = await db.DataRequests.SingleAsync(r => r.Id == request.Id);
            tracked.Cancel(Actor.Staff("olga@example.com"), factory.Services.GetRequiredService<ComplianceClock>(), "Withdrawn");
            await db.SaveChangesAsync();
        }

        var client = await factory.SignedInStaffAsync("oscar.officer@example.com", Password, PortalRoles.Officer);
        var response = await client.GetAsync($"/requests/{request.Id}/download/json");

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Contains("no result to download", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AForgedActionFromAnAuditor_IsRefused_AndChangesNothing()
    {
        var request = await UnverifiedAsync("zoe.muller@example.com");
        var client = await factory.SignedInStaffAsync("audrey.auditor@example.com", Password, PortalRoles.Auditor);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");

        var response = await client.PostAsync($"/requests/{request.Id}/actions/deny", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["seen"] = RequestActions.LastEntryId(request).ToString(),
            ["reason"] = "Forged",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var stored = await factory.LoadRequestAsync(request.Id.ToString());
        Assert.Equal(RequestState.Unverified, stored.State);
        Assert.Single(stored.Timeline);
    }

    [Fact]
    public async Task AnOfficersAction_IsApplied_AndAStaleOneIsRefusedWithAMessage()
    {
        var request = await UnverifiedAsync("m.elamrani@example.net");
        var client = await factory.SignedInStaffAsync("otto.officer@example.com", Password, PortalRoles.Officer);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        FormUrlEncodedContent Form(string reason, string months = "") => new(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["seen"] = RequestActions.LastEntryId(request).ToString(),
            ["reason"] = reason,
            ["months"] = months,
        });

        var malformed = await client.PostAsync($"/requests/{request.Id}/actions/extend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["seen"] = "latest",
            ["reason"] = "Busy",
            ["months"] = "two",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("field 'seen'", await malformed.Content.ReadAsStringAsync());

        var cancelled = await client.PostAsync($"/requests/{request.Id}/actions/cancel", Form("Withdrawn by phone"));
        var stale = await client.PostAsync($"/requests/{request.Id}/actions/cancel", Form("Again"));

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("changed by otto.officer@example.com", await stale.Content.ReadAsStringAsync());
        var stored = await factory.LoadRequestAsync(request.Id.ToString());
        Assert.Equal(RequestState.Cancelled, stored.State);
        Assert.Equal(2, stored.Timeline.Count);
        Assert.Contains(await AuditAsync(request.Id), e => e.Action == AuditAction.StateChanged && e.ActorName == "otto.officer@example.com"
            && e.Detail == "Unverified → Cancelled: Withdrawn by phone");
    }

    [Fact]
    public async Task ScriptedClockActions_AskAnswerAndExtendByDays_FollowTheRequestsRegime()
    {
        // Held: no collector moves the request on between the calls.
        await using var held = new PortalFactory();
        held.Settings["Collection:Enabled"] = "false";
        var filed = await held.Services.GetRequiredService<RequestFiling>().FileForStaffAsync(
            Subject.Create(SubjectType.Email, "c.nguyen@example.com"), Actor.Staff("otto.officer@example.com"), "Identity verified: signed form", null, Regime.Ccpa);
        var client = await held.SignedInStaffAsync("cora.officer@example.com", Password, PortalRoles.Officer);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");
        async Task<HttpResponseMessage> ActAsync(string action, params (string Name, string Value)[] fields)
        {
            var current = await held.LoadRequestAsync(filed.Id.ToString());
            var form = new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["seen"] = RequestActions.LastEntryId(current).ToString() };
            foreach (var (name, value) in fields)
            {
                form[name] = value;
            }

            return await client.PostAsync($"/requests/{filed.Id}/actions/{action}", new FormUrlEncodedContent(form));
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await ActAsync("asksubject", ("reason", "Which store?"), ("question", "5"))).StatusCode);
        var asked = await ActAsync("asksubject", ("reason", "Which store?"), ("question", "clarification"));
        Assert.True(asked.StatusCode == HttpStatusCode.OK, await asked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ActAsync("recordanswer", ("reason", "By phone: the Oakland store"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ActAsync("extend", ("reason", "Nine systems"), ("days", "46"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ActAsync("extend", ("reason", "Nine systems"), ("days", "30"))).StatusCode);

        var stored = await held.LoadRequestAsync(filed.Id.ToString());
        Assert.Equal(SubjectQuestion.Clarification, Assert.Single(await PausesAsync(held, filed.Id)).Question);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(filed.DueDate.AddDays(30), stored.DueDate);
    }

    private static async Task<List<RequestPause>> PausesAsync(PortalFactory portal, long id)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.RequestPauses.Where(p => p.DataRequestId == id).ToListAsync();
    }

    [Fact]
    public async Task AnActionWithASeenEntryFromNoPage_IsRefusedAsBadRequest_AndChangesNothing()
    {
        var request = await UnverifiedAsync("k.nakamura@example.org");
        var client = await factory.SignedInStaffAsync("olive.officer@example.com", Password, PortalRoles.Officer);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");

        var forged = await client.PostAsync($"/requests/{request.Id}/actions/cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["seen"] = "9007199254740991",
            ["reason"] = "Skipping the stale-page check",
            ["months"] = "",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("not one of this request's entries", await forged.Content.ReadAsStringAsync());
        var stored = await factory.LoadRequestAsync(request.Id.ToString());
        Assert.Equal(RequestState.Unverified, stored.State);
        Assert.Single(stored.Timeline);
    }

    [Fact]
    public async Task AuditExport_IsCsvOfTheFilteredLog_ForStaffOnly()
    {
        var request = await CompletedAsync("zoe.muller@example.com");
        var client = await factory.SignedInStaffAsync("alex.auditor@example.com", Password, PortalRoles.Auditor);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/requests/{request.Id}/download/json")).StatusCode);

        var response = await client.GetAsync($"/audit/export.csv?request={request.Id}&action=ResultDownloaded");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("\"time_utc\",\"actor_kind\",\"actor\",\"action\",\"request_id\",\"target\",\"detail\"", lines[0]);
        Assert.EndsWith($"\",\"Staff\",\"alex.auditor@example.com\",\"ResultDownloaded\",\"{request.Id}\",\"\",\"format json\"", Assert.Single(lines.Skip(1)));
        Assert.StartsWith("/Account/Login", PortalFactory.RedirectTarget(await factory.CreateBrowserLikeClient().GetAsync("/audit/export.csv")));
    }
}
