using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.E2E.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// Several portal processes on one database, with Redis and Azure Blob Storage (Azurite) between them, as behind a load
/// balancer: two that serve (A and B) and workers that only collect and deliver.
/// </summary>
public class SeveralInstancesTests : IAsyncLifetime
{
    private const string Watched = "watched.subject@example.com";
    private const string Subject = "signed.in.subject@example.com";
    private const string Crowded = "filed.fifty.times@example.com";
    private const string Held = "held.mid.collection@example.com";

    private readonly GatedRecordServer records = new();
    private readonly List<PortalProcess> portals = [];
    private RedisServer? redis;
    private AzuriteServer? azurite;
    private IPlaywright? playwright;
    private IBrowser? browser;

    [Fact]
    public async Task TwoServingInstancesAndWorkers_ShareSignInsResultsRulesAndLiveUpdates()
    {
        // Three processes start at once on an empty database: it is migrated and seeded once.
        var dataDirectory = Path.Combine(Path.GetTempPath(), "drp-e2e", Guid.NewGuid().ToString("N"));
        var started = await Task.WhenAll(
            StartAsync("web", dataDirectory), StartAsync("web", dataDirectory), StartAsync("worker", dataDirectory));
        var (a, b, worker) = (started[0], started[1], started[2]);
        await using (var db = a.CreateDbContext())
        {
            Assert.Equal(1, await db.Users.CountAsync());
        }

        var token = await new ApiTokens(a.DbContextFactory(), TimeProvider.System).IssueAsync("crm");
        using var apiA = Api(a, token.PlainText);
        using var apiB = Api(b, token.PlainText);

        // An officer signed in on A watches the list; a request filed through B's API and collected by the worker moves on it live.
        var (email, password) = PortalProcess.DevelopmentAdmin();
        var staff = await NewPageAsync(a);
        await staff.GotoAsync("/requests");
        await staff.GetByLabel("Email").FillAsync(email);
        await staff.GetByLabel("Password").FillAsync(password);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();
        await Expect(staff.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await staff.EvaluateAsync("() => window.notReloaded = true");

        var watched = await FileAsync(apiB, Watched);
        await Expect(State(staff, watched)).ToHaveTextAsync("Collecting");
        records.Open(Watched);
        await Expect(State(staff, watched)).ToHaveTextAsync("Completed");
        await Browser.ScreenshotAsync(staff, "70-several-instances-live-on-a");
        Assert.True(await staff.EvaluateAsync<bool>("() => window.notReloaded === true"), "The page on A was reloaded.");
        var collected = await a.WaitForRequestAsync(watched, r => r.State == RequestState.Completed);

        // The API client's token works on both; either hands out the result the worker stored.
        var fromA = await apiA.GetByteArrayAsync($"v1/datarequest/{watched}");
        var fromB = await apiB.GetByteArrayAsync($"v1/datarequest/{watched}");
        Assert.Equal(fromA, fromB);
        Assert.Equal(collected.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(fromB)));
        Assert.Equal("available", (await apiA.GetFromJsonAsync<JsonElement>($"v2/datarequest/{watched}/status")).GetProperty("status").GetString());

        // The officer's sign-in cookie from A is accepted by B.
        await staff.GotoAsync(new Uri(b.BaseAddress, "requests").ToString());
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Requests", Level = 1 })).ToBeVisibleAsync();

        // A data subject signs in on A and downloads from B.
        records.Open(Subject);
        var subject = await NewPageAsync(a);
        var code = await SubjectPages.AskForCodeAsync(a, subject, Subject);
        var own = await SubjectPages.EnterCodeAsync(subject, code);
        var completed = await a.WaitForRequestAsync(own, r => r.State == RequestState.Completed);
        var download = await subject.Context.APIRequest.GetAsync(new Uri(b.BaseAddress, $"my-data/requests/{own}/download/json").ToString());
        Assert.Equal(200, download.Status);
        Assert.Equal(completed.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(await download.BodyAsync())));

        // Fifty filings of one subject at the same moment, through both instances: one request, the rest its duplicates.
        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => PostAsync(i % 2 == 0 ? apiA : apiB, Crowded)));
        Assert.Equal(1, answers.Count(answer => answer.Status == HttpStatusCode.Created));
        Assert.Equal(49, answers.Count(answer => answer.Status == HttpStatusCode.OK));
        Assert.Single(answers.Select(answer => answer.Id).Distinct());
        await using (var db = a.CreateDbContext())
        {
            var crowded = Core.Requests.Subject.Create(SubjectType.Email, Crowded);
            Assert.Equal(1, await db.DataRequests.CountAsync(r => r.SubjectType == crowded.Type && r.SubjectId == crowded.Identifier));
        }

        // A second worker joins; the one that holds a collection is killed; the other finishes it, once.
        var second = await StartAsync("worker", dataDirectory);
        var held = await FileAsync(apiA, Held);
        var claimed = await a.WaitForRequestAsync(held, r => r.State == RequestState.Collecting && r.LeaseOwner != null);
        var owner = new[] { worker, second }.Single(p => claimed.LeaseOwner!.Contains($"/{p.ProcessId}/", StringComparison.Ordinal));
        await owner.KillAsync();
        records.Open(Held);
        var finished = await a.WaitForRequestAsync(held, r => r.State == RequestState.Completed);
        Assert.Single(finished.Timeline, t => t.ToState == RequestState.Completed);
        Assert.Single(finished.Timeline, t => t.Event == TimelineEvent.CollectionResumed);
        Assert.Equal(finished.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(await apiB.GetByteArrayAsync($"v1/datarequest/{held}"))));
    }

    public async Task InitializeAsync()
    {
        redis = await RedisServer.StartAsync();
        azurite = await AzuriteServer.StartAsync();
        (playwright, browser) = await Browser.LaunchAsync();
        Assertions.SetDefaultExpectTimeout(PortalSession.Patience);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.CloseAsync();
        }

        playwright?.Dispose();
        foreach (var portal in Enumerable.Reverse(portals))
        {
            await portal.DisposeAsync();
        }

        await records.DisposeAsync();
        if (azurite is not null)
        {
            await azurite.DisposeAsync();
        }

        if (redis is not null)
        {
            await redis.DisposeAsync();
        }
    }

    private async Task<PortalProcess> StartAsync(string roles, string dataDirectory)
    {
        var settings = new Dictionary<string, string>(records.SourceSettings())
        {
            ["Portal:Roles"] = roles,
            ["Redis:Configuration"] = redis!.ConnectionString,
            ["DataProtection:Store"] = "Database",
            ["Results:Store"] = "AzureBlob",
            ["Results:AzureBlob:ConnectionString"] = azurite!.ConnectionString,
            ["Results:AzureBlob:Container"] = "results",
            ["Collection:LeaseSeconds"] = "3",
            ["Collection:PollSeconds"] = "1",
        };
        var portal = await PortalProcess.StartAsync(settings, dataDirectory);
        lock (portals)
        {
            portals.Add(portal);
        }

        return portal;
    }

    private async Task<IPage> NewPageAsync(PortalProcess portal)
    {
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = portal.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(PortalSession.Patience);
        return page;
    }

    private static HttpClient Api(PortalProcess portal, string token)
    {
        var client = new HttpClient { BaseAddress = portal.BaseAddress, Timeout = TimeSpan.FromSeconds(PortalSession.Patience / 1000) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static async Task<long> FileAsync(HttpClient api, string address)
    {
        var (status, id) = await PostAsync(api, address);
        Assert.Equal(HttpStatusCode.Created, status);
        return id;
    }

    private static async Task<(HttpStatusCode Status, long Id)> PostAsync(HttpClient api, string address)
    {
        using var response = await api.PostAsJsonAsync("v1/datarequest", new { email = address });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, long.Parse(body.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
    }

    private static ILocator State(IPage page, long id) => page.Locator($".request-{id} [data-testid=request-state]");
}
