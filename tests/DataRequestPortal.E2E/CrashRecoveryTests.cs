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

    private Dictionary<string, string> Settings => new Dictionary<string, string>(records.SourceSettings())
    {
        ["Collection:LeaseSeconds"] = "3",
        ["Collection:PollSeconds"] = "1",
    };

    [Fact]
    public async Task ProcessKilledMidCollection_TheNextProcessCompletesTheRequestOnce()
    {
        crashed = await PortalProcess.StartAsync(Settings);
        var clock = new ComplianceClock(TimeProvider.System, TimeZoneInfo.Utc);
        var request = await new RequestFiling(crashed.DbContextFactory(), clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, SubjectAddress), RequestChannel.Staff, Actor.Staff("officer@example.com"));
        await crashed.WaitForRequestAsync(request.Id, r => r.State == RequestState.Collecting && r.LeaseOwner != null);

        await crashed.KillAsync();
        restarted = await PortalProcess.StartAsync(Settings, crashed.DataDirectory);
        records.Open(SubjectAddress);

        var done = await restarted.WaitForRequestAsync(request.Id, r => r.State == RequestState.Completed);
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
}
