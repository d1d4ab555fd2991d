using System.Net;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Hosting;

public class ProcessRolesTests
{
    private static readonly Type[] BackgroundWork =
    [
        typeof(CollectionWorker), typeof(ResultSweeper), typeof(ReportPreparation), typeof(ReportDeliveryWorker),
        typeof(DailyDigestSender), typeof(OriginalSweeper), typeof(SignInHousekeeping),
    ];

    [Fact]
    public async Task WebOnly_RunsNoBackgroundWork_AndStillFilesThroughTheApi()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Portal:Roles"] = "web";
        var client = portal.CreateApiClient((await portal.IssueTokenAsync()).PlainText);

        var filed = await client.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        var status = await client.GetAsync($"/v2/datarequest/{CreatedId(filed)}/status");

        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        Assert.Equal("pending", (await JsonBodyAsync(status)).GetProperty("status").GetString());
        var running = portal.Services.GetServices<IHostedService>().Select(s => s.GetType()).ToList();
        Assert.Empty(running.Intersect(BackgroundWork));
        Assert.Equal(HttpStatusCode.OK, (await portal.CreateBrowserLikeClient().GetAsync("/Account/Login")).StatusCode);
    }

    [Fact]
    public async Task Worker_CollectsWhatAWebProcessFiled_AndServesOnlyItsHealthCheck()
    {
        await using var web = new PortalFactory();
        await using var worker = new PortalFactory();
        web.Settings["Portal:Roles"] = "web";
        worker.Settings["Portal:Roles"] = "worker";
        worker.Settings["ConnectionStrings:Portal"] = $"Data Source={web.DatabasePath}";
        worker.Settings["Results:Path"] = Path.Combine(web.DataDirectory, "results");
        worker.Settings["DataProtection:KeysPath"] = Path.Combine(web.DataDirectory, "keys");

        // Without Redis the worker hears of new work when it polls.
        worker.Settings["Collection:PollSeconds"] = "0.2";
        var token = await web.IssueTokenAsync();
        var client = web.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "jane@example.com"))));
        var workerApi = worker.CreateApiClient(token.PlainText);
        var workerBrowser = worker.CreateBrowserLikeClient();

        await WaitForStatusAsync(client, id);

        Assert.Contains(worker.Services.GetServices<IHostedService>(), s => s is CollectionWorker);
        Assert.Equal(HttpStatusCode.NotFound, (await workerApi.GetAsync($"/v2/datarequest/{id}/status")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await workerApi.PostAsync("/v2/datarequest", Form(("email", "john@example.com")))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await workerBrowser.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await workerBrowser.GetAsync("/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await workerBrowser.GetAsync("/health")).StatusCode);
        Assert.Equal(1, await web.CountRequestsAsync(token.Id));
    }

    [Theory]
    [InlineData("webserver")]
    [InlineData("web,cron")]
    [InlineData(",")]
    public async Task UnknownRole_StopsTheStart_WithAClearMessage(string roles)
    {
        await using var portal = new PortalFactory();
        portal.Settings["Portal:Roles"] = roles;

        var error = Assert.Throws<InvalidOperationException>(() => portal.CreateClient());

        Assert.Contains($"Portal:Roles is '{roles}'", error.Message);
        Assert.Contains("'web', 'worker' or 'web,worker'", error.Message);
    }
}
