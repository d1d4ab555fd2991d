using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Collection;

public class RequestLeasesTests
{
    [Fact]
    public async Task FindClaimableAsync_QueuedAndAbandonedRequests_OldestDueDateFirst_HeldOnesLeftOut()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await CollectionHarness.CreateAsync([], time: time);
        var abandoned = await FileThenWaitADayAsync(harness, time, "abandoned@example.com");
        var held = await FileThenWaitADayAsync(harness, time, "held@example.com");
        var queued = await FileThenWaitADayAsync(harness, time, "queued@example.com");
        var later = await FileThenWaitADayAsync(harness, time, "later@example.com");
        await harness.AbandonAsync(abandoned, "a-stopped-process");
        Assert.True(await harness.Leases.TryClaimAsync(held, "a-running-process", TimeSpan.FromMinutes(5), CancellationToken.None));

        Assert.Equal([abandoned, queued, later], await harness.Leases.FindClaimableAsync(10, CancellationToken.None));
        Assert.Equal([abandoned, queued], await harness.Leases.FindClaimableAsync(2, CancellationToken.None));
    }

    [Fact]
    public async Task FindClaimableAsync_AnAbandonedRequestDueLater_ComesAfterTheQueuedOnesDueEarlier()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await CollectionHarness.CreateAsync([], time: time);
        var first = await FileThenWaitADayAsync(harness, time, "first@example.com");
        var second = await FileThenWaitADayAsync(harness, time, "second@example.com");
        var abandoned = await FileThenWaitADayAsync(harness, time, "abandoned@example.com");
        await harness.AbandonAsync(abandoned, "a-stopped-process");

        Assert.Equal([first, second], await harness.Leases.FindClaimableAsync(2, CancellationToken.None));
        Assert.Equal([first, second, abandoned], await harness.Leases.FindClaimableAsync(3, CancellationToken.None));
    }

    private static async Task<long> FileThenWaitADayAsync(CollectionHarness harness, FakeTimeProvider time, string email)
    {
        var request = await harness.FileAsync(email);
        time.Advance(TimeSpan.FromDays(1));
        return request.Id;
    }
}
