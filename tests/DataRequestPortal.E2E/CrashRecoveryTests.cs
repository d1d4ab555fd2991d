using System.Security.Cryptography;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.E2E;

/// <summary>The portal process dies in the middle of a collection; the next one finishes the request, exactly once.</summary>
public class CrashRecoveryTests : IAsyncLifetime
{
    private const string SubjectAddress = "interrupted@example.com";

    private readonly GatedRecordServer records = new();
    private PortalProcess? crashed;
    private PortalProcess? restarted;

    private Dictionary<string, string> Settings => new()
    {
        ["Collection:LeaseSeconds"] = "3",
        ["Collection:PollSeconds"] = "1",
        ["Sources:Http:0:Key"] = "crm",
        ["Sources:Http:0:Title"] = "Customer records",
        ["Sources:Http:0:UrlTemplate"] = records.UrlTemplate,
        ["Sources:Http:0:TimeoutSeconds"] = "120",
        ["Sources:Http:0:Category:Name"] = "customer",
    };

    [Fact]
    public async Task ProcessKilledMidCollection_TheNextProcessCompletesTheRequestOnce()
    {
        crashed = await PortalProcess.StartAsync(Settings);
        var clock = new ComplianceClock(TimeProvider.System, TimeZoneInfo.Utc);
        var request = await new RequestFiling(crashed.DbContextFactory(), clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, SubjectAddress), RequestChannel.Staff, Actor.Staff("officer@example.com"));
        await WaitForAsync(crashed, request.Id, r => r.State == RequestState.Collecting && r.LeaseOwner != null);

        await crashed.KillAsync();
        restarted = await PortalProcess.StartAsync(Settings, crashed.DataDirectory);
        records.Open(SubjectAddress);

        var done = await WaitForAsync(restarted, request.Id, r => r.State == RequestState.Completed);
        Assert.Single(done.Timeline, t => t.ToState == RequestState.Completed);
        Assert.Single(done.Timeline, t => t.Event == TimelineEvent.CollectionResumed);
        var file = Path.Combine(restarted.DataDirectory, "results", $"{request.Id}.json");
        Assert.Equal(done.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));
        Assert.Contains("\"tier\":\"gold\"", await File.ReadAllTextAsync(file));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (restarted is not null)
        {
            await restarted.DisposeAsync();
        }

        if (crashed is not null)
        {
            await crashed.DisposeAsync();
        }

        await records.DisposeAsync();
    }

    private static async Task<DataRequest> WaitForAsync(PortalProcess portal, long id, Func<DataRequest, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            await using var db = portal.CreateDbContext();
            var request = await db.DataRequests.Include(r => r.Timeline).AsNoTracking().SingleAsync(r => r.Id == id);
            if (condition(request))
            {
                return request;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Request {id} is still {request.State}.\n{portal.Log}");
            }

            await Task.Delay(200);
        }
    }
}
