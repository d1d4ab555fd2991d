using System.Net;
using System.Text;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Staff;

/// <summary>Over the development settings' manual source ("paper-archive", for email subjects), switched on for these tests.</summary>
public class ManualTaskEndpointsTests : IClassFixture<PortalFactory>
{
    private const string Password = "Staff-Pass-2026!";
    private readonly PortalFactory factory;

    public ManualTaskEndpointsTests(PortalFactory factory)
    {
        factory.Settings["Sources:Manual:0:Enabled"] = "true";
        this.factory = factory;
    }

    private ManualTasks Tasks => factory.Services.GetRequiredService<ManualTasks>();

    /// <summary>A staff-filed request, collected as far as its manual task, which then waits.</summary>
    private async Task<DataRequest> WaitingAsync(string email)
    {
        var request = await factory.Services.GetRequiredService<RequestFiling>()
            .FileAsync(Subject.Create(SubjectType.Email, email), RequestChannel.Staff, Actor.Staff("olga@example.com"), "Checked");
        return await WaitForTaskAsync(request.Id);
    }

    private async Task<DataRequest> WaitForTaskAsync(long id)
    {
        await Eventually.ReadAsync(() => Tasks.ForAsync(id), tasks => tasks.Count == 1, _ => $"Request {id} has no task yet");
        return await Eventually.ReadAsync(
            () => factory.LoadRequestAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            r => r.LeaseOwner == ManualTask.WaitingLeaseOwner,
            r => $"Request {id} is {r.State}, not waiting for its task");
    }

    private static MultipartFormDataContent Upload(string token, string name, string content)
    {
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "files", name);
        return form;
    }

    [Fact]
    public async Task AnAuditorsUploadAndAttestation_AreRefused_AndTheTaskStaysOpen()
    {
        var request = await WaitingAsync("anna.archive@example.com");
        var client = await factory.SignedInStaffAsync("aud.manual@example.com", Password, PortalRoles.Auditor);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");

        var upload = await client.PostAsync($"/requests/{request.Id}/tasks/1/upload", Upload(token, "letters.json", "[{\"a\": 1}]"));
        var attest = await client.PostAsync($"/requests/{request.Id}/tasks/1/attest", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["note"] = "Forged",
        }));

        Assert.Equal(HttpStatusCode.Forbidden, upload.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, attest.StatusCode);
        Assert.True((await Tasks.ForAsync(request.Id)).Single().IsOpen);
    }

    [Fact]
    public async Task AnOfficersSession_CannotBeMadeToUploadOrAttestByAnotherSite()
    {
        var request = await WaitingAsync("fred.forged@example.com");
        var client = await factory.SignedInStaffAsync("off.forged@example.com", Password, PortalRoles.Officer);

        // Another site can make the officer's browser post a form with their cookie, but not with the portal's token.
        var form = new MultipartFormDataContent();
        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes("[{\"planted\": true}]")), "files", "planted.json");
        var upload = await client.PostAsync($"/requests/{request.Id}/tasks/1/upload", form);
        var attest = await client.PostAsync($"/requests/{request.Id}/tasks/1/attest", new FormUrlEncodedContent(new Dictionary<string, string> { ["note"] = "Nothing here" }));

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, attest.StatusCode);
        Assert.True((await Tasks.ForAsync(request.Id)).Single().IsOpen);
    }

    [Fact]
    public async Task ASubject_CannotAttestTheTaskOfTheirOwnRequest()
    {
        var browser = factory.CreateBrowserLikeClient();
        var target = await factory.SignInAsync(browser, "sam.subject@example.com");
        var request = await WaitForTaskAsync(SubjectSignInCalls.RequestIdIn(target));
        var token = await PortalFactory.AntiforgeryTokenAsync(browser, "/my-data/requests");

        var response = await browser.PostAsync($"/requests/{request.Id}/tasks/1/attest", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["note"] = "Nothing about me anywhere",
        }));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True((await Tasks.ForAsync(request.Id)).Single().IsOpen);
    }

    [Fact]
    public async Task AnOfficersBadUpload_GetsAClearMessage_ThenAGoodOneCompletesTheRequest()
    {
        var request = await WaitingAsync("olivia.letters@example.com");
        var client = await factory.SignedInStaffAsync("off.manual@example.com", Password, PortalRoles.Officer);
        var token = await PortalFactory.AntiforgeryTokenAsync(client, "/Account/Manage/ChangePassword");

        var bad = await client.PostAsync($"/requests/{request.Id}/tasks/1/upload", Upload(token, "letters.csv", "date,from\n2024-01-02\n"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Row 2 of 'letters.csv' has 1 values", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await Tasks.ForAsync(request.Id)).Single().IsOpen);

        var good = await client.PostAsync($"/requests/{request.Id}/tasks/1/upload", Upload(token, "letters.csv", "date,from\n2024-01-02,Olivia\n"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);

        var done = await factory.WaitForStateAsync(request.Id, RequestState.Completed);
        Assert.Contains(done.Timeline, t => t.Event == TimelineEvent.ManualTaskUploaded && t.ActorName == "off.manual@example.com");
    }
}
