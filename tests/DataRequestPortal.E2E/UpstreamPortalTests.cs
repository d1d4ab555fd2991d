using System.Text.Json;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.E2E;

/// <summary>One portal collects from another through the datarequest API, as it would from SMTPeter or Copernica.</summary>
public class UpstreamPortalTests : IAsyncLifetime
{
    private PortalProcess upstream = default!;
    private PortalProcess? downstream;

    public async Task InitializeAsync() => upstream = await PortalProcess.StartAsync();

    [Fact]
    public async Task DownstreamPortal_FilesPollsAndMergesTheUpstreamPortalsResult()
    {
        var token = await new ApiTokens(upstream.DbContextFactory(), TimeProvider.System).IssueAsync("downstream portal");
        downstream = await PortalProcess.StartAsync(new Dictionary<string, string>
        {
            ["Sources:Platform:Enabled"] = "false",
            ["Collection:PollSeconds"] = "1",
            ["Sources:Upstream:0:Key"] = "mailing",
            ["Sources:Upstream:0:Title"] = "Mailing platform (upstream portal)",
            ["Sources:Upstream:0:BaseUrl"] = upstream.BaseAddress.ToString(),
            ["Sources:Upstream:0:Token"] = token.PlainText,
            ["Sources:Upstream:0:PollSeconds"] = "1",
            ["Sources:Upstream:0:TimeoutMinutes"] = "2",
        });

        var clock = new ComplianceClock(TimeProvider.System, TimeZoneInfo.Utc);
        var filed = await new RequestFiling(downstream.DbContextFactory(), clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane.doe@example.com"), RequestChannel.Staff, Actor.Staff("officer@example.com"));
        var done = await downstream.WaitForRequestAsync(filed.Id, r => r.State is RequestState.Completed or RequestState.Failed);
        Assert.True(done.State == RequestState.Completed, $"{done.FailedSource}: {done.FailureMessage}");

        // The upstream portal received the request from the downstream one's token, and completed it.
        await using var upstreamDb = upstream.CreateDbContext();
        var upstreamRequest = await upstreamDb.DataRequests.AsNoTracking().SingleAsync();
        Assert.Equal((RequestChannel.Api, RequestState.Completed, "jane.doe@example.com"), (upstreamRequest.Channel, upstreamRequest.State, upstreamRequest.SubjectId));

        using var original = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(upstream.DataDirectory, "results", $"{upstreamRequest.Id}.json")));
        using var merged = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(downstream.DataDirectory, "results", $"{filed.Id}.json")));
        Assert.Equal("jane.doe@example.com", merged.RootElement.GetProperty("info").GetProperty("id").GetString());

        // Every non-empty upstream category arrives whole and in order, each record unchanged.
        var upstreamCategories = original.RootElement.GetProperty("data").EnumerateArray().Where(a => a.GetArrayLength() > 0).Select(a => a.GetRawText()).ToList();
        var mergedCategories = merged.RootElement.GetProperty("data").EnumerateArray().Where(a => a.GetArrayLength() > 0).Select(a => a.GetRawText()).ToList();
        Assert.True(upstreamCategories.Count >= 6, $"Jane has only {upstreamCategories.Count} categories upstream.");
        Assert.Equal(upstreamCategories, mergedCategories);
        Assert.Equal(
            ["profile", "subprofile", "message", "mime", "attachment", "open", "click", "survey"],
            merged.RootElement.GetProperty("meta").GetProperty("categories").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    public async Task DisposeAsync()
    {
        if (downstream is not null)
        {
            await downstream.DisposeAsync();
        }

        await upstream.DisposeAsync();
    }
}
