using System.Text;
using System.Threading.Channels;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Live;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace DataRequestPortal.Web.Tests.Live;

public class RedisStatusRelayTests
{
    private static readonly Subject Jane = Subject.Create(SubjectType.Email, "jane@example.com");

    [Fact]
    public async Task TwoProcesses_SharingRedis_HearEachOthersChangesAndWorkOnce_AndTheirOwnOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await PortalProcess.StartAsync(redis.ConnectionString);
        await using var second = await PortalProcess.StartAsync(redis.ConnectionString);
        await Task.WhenAll(first.Relay.Listening, second.Relay.Listening).WaitAsync(Eventually.Timeout);

        var fromFirst = Change(1, RequestChannel.SelfService, RequestState.Collecting);
        var fromSecond = Change(2, RequestChannel.Staff, RequestState.Completed);
        first.Notifier.Publish(fromFirst);
        second.Notifier.Publish(fromSecond);
        first.Notifier.AnnounceWork();
        await first.HeardAsync(fromSecond.RequestId);
        await second.HeardAsync(fromFirst.RequestId);
        await second.WorkHeard.WaitAsync(Eventually.Timeout);

        // Each says it is done after hearing the other; Redis keeps order, so an echo or a copy would have come first.
        first.Notifier.Publish(Change(101, RequestChannel.Api, RequestState.Collecting));
        second.Notifier.Publish(Change(102, RequestChannel.Api, RequestState.Collecting));
        await first.HeardAsync(102);
        await second.HeardAsync(101);

        foreach (var process in new[] { first, second })
        {
            Assert.Equal([fromFirst], process.Heard.Where(c => c.RequestId == fromFirst.RequestId));
            Assert.Equal([fromSecond], process.Heard.Where(c => c.RequestId == fromSecond.RequestId));
        }

        Assert.Equal((1, 1), (first.WorkCount, second.WorkCount));
    }

    [Fact]
    public async Task QueuedChange_InAnotherProcess_WakesThisProcessesCollector()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = await PortalProcess.StartAsync(redis.ConnectionString);
        await using var second = await PortalProcess.StartAsync(redis.ConnectionString);
        await Task.WhenAll(first.Relay.Listening, second.Relay.Listening).WaitAsync(Eventually.Timeout);

        first.Notifier.Publish(Change(7, RequestChannel.Api, RequestState.Queued));

        await second.WorkHeard.WaitAsync(Eventually.Timeout);
        await second.HeardAsync(7);
    }

    [Fact]
    public async Task RedisUnreachable_ThisProcessStillHearsItsOwnChangesAndWork_AndTheFailureIsLoggedWithoutThePassword()
    {
        const string password = "hunter2-not-for-logs";
        var logs = new CapturedLogs();
        await using var process = await PortalProcess.StartAsync($"127.0.0.1:{RedisServer.FreePort()},password={password},connectTimeout=2000", logs);

        var change = Change(3, RequestChannel.SelfService, RequestState.Collecting);
        process.Notifier.Publish(change);
        process.Notifier.AnnounceWork();

        await process.HeardAsync(change.RequestId);
        await process.WorkHeard.WaitAsync(Eventually.Timeout);
        await Eventually.UntilAsync(() => logs.Lines.Any(l => l.Contains("Warning: Redis at 127.0.0.1", StringComparison.Ordinal)), "the unreachable Redis was logged");
        Assert.Equal([change], process.Heard);
        Assert.DoesNotContain(logs.Lines, l => l.Contains(password, StringComparison.Ordinal));
        Assert.False(process.Relay.Listening.IsCompleted);
    }

    [Fact]
    public async Task RedisRestarted_ChangesCrossAgain()
    {
        var redis = await RedisServer.StartAsync();
        var port = redis.Port;
        try
        {
            await using var first = await PortalProcess.StartAsync(redis.ConnectionString);
            await using var second = await PortalProcess.StartAsync(redis.ConnectionString);
            await Task.WhenAll(first.Relay.Listening, second.Relay.Listening).WaitAsync(Eventually.Timeout);

            await redis.DisposeAsync();
            redis = await RedisServer.StartAsync(port);

            // Sent again until it arrives: the processes reconnect and subscribe again on their own time.
            var change = Change(5, RequestChannel.Staff, RequestState.Collecting);
            await Eventually.UntilAsync(
                () =>
                {
                    first.Notifier.Publish(change);
                    return second.Heard.Any(c => c.RequestId == change.RequestId);
                },
                "a change crossed after Redis came back");
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task RedisStartedAfterTheProcess_ChangesCrossOnceItIsUp()
    {
        var port = RedisServer.FreePort();
        await using var early = await PortalProcess.StartAsync($"127.0.0.1:{port}");
        await using var redis = await RedisServer.StartAsync(port);
        await using var late = await PortalProcess.StartAsync(redis.ConnectionString);
        await Task.WhenAll(early.Relay.Listening, late.Relay.Listening).WaitAsync(Eventually.Timeout);

        late.Notifier.Publish(Change(6, RequestChannel.Staff, RequestState.Collecting));

        await early.HeardAsync(6);
    }

    [Fact]
    public async Task Portals_SharingRedis_PagesOfOneFollowChangesMadeInTheOther()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        first.Settings["Redis:Configuration"] = redis.ConnectionString;
        // The older setting still works.
        second.Settings["SignalR:Redis"] = redis.ConnectionString;
        foreach (var portal in new[] { first, second })
        {
            portal.Settings["Collection:Enabled"] = "false";
        }

        await Task.WhenAll(first.RedisRelay.Listening, second.RedisRelay.Listening).WaitAsync(Eventually.Timeout);
        var notifier = second.Services.GetRequiredService<RequestStatusNotifier>();
        var watchers = notifier.WatcherCount;
        using var stop = new CancellationTokenSource();
        var heard = Watch(notifier, stop.Token);
        await Eventually.UntilAsync(() => notifier.WatcherCount > watchers, "the page watches");

        var change = Change(9, RequestChannel.SelfService, RequestState.Completed);
        first.Services.GetRequiredService<RequestStatusNotifier>().Publish(change);

        Assert.Equal(change, await heard.ReadAsync().AsTask().WaitAsync(Eventually.Timeout));
        await stop.CancelAsync();
    }

    [Fact]
    public void Message_RoundTripsAChange_AndRefusesOneThatIsNotValid()
    {
        var change = Change(4_503_599_627_370_497, RequestChannel.SelfService, RequestState.Collecting);

        var json = RelayMessage.Of("a", change).ToJson();

        Assert.Equal(change, RelayMessage.FromJson(json)?.ToChange());
        var text = Encoding.UTF8.GetString(json);
        Assert.Null(RelayMessage.FromJson(Encoding.UTF8.GetBytes(text.Replace("jane@example.com", "not an address", StringComparison.Ordinal)))?.ToChange());
        Assert.Null(RelayMessage.FromJson(Encoding.UTF8.GetBytes(text.Replace("\"Collecting\"", "\"Exploded\"", StringComparison.Ordinal)))?.ToChange());
        Assert.Null(RelayMessage.FromJson(Encoding.UTF8.GetBytes(text.Replace("\"Collecting\"", "99", StringComparison.Ordinal)))?.ToChange());
        Assert.Null(RelayMessage.FromJson("{"u8));
    }

    private static RequestStatusChange Change(long id, RequestChannel channel, RequestState state) =>
        new(id, Jane, channel, state, new CollectionProgress(1, 3, 120, 4096), new DateTimeOffset(2026, 3, 2, 10, 15, 30, 123, TimeSpan.FromHours(1)));

    private static ChannelReader<RequestStatusChange> Watch(RequestStatusNotifier notifier, CancellationToken stop)
    {
        var heard = Channel.CreateUnbounded<RequestStatusChange>();
        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var change in notifier.WatchAsync(stop))
                {
                    heard.Writer.TryWrite(change);
                }
            }
            catch (OperationCanceledException)
            {
                // The test is over.
            }
        });
        return heard.Reader;
    }

    /// <summary>One portal process as far as live updates go: its notifier, its relay, what its watchers and collector heard.</summary>
    private sealed class PortalProcess : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly TaskCompletionSource workHeard = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<RequestStatusChange> heard = [];
        private readonly ILoggerFactory loggers;
        private ChannelReader<RequestStatusChange> incoming = null!;
        private int workCount;

        private PortalProcess(string redis, CapturedLogs? logs)
        {
            loggers = LoggerFactory.Create(builder => builder.AddProvider(logs ?? new CapturedLogs()).SetMinimumLevel(LogLevel.Trace));
            Notifier.WorkAvailable += () =>
            {
                Interlocked.Increment(ref workCount);
                workHeard.TrySetResult();
            };
            Relay = new RedisStatusRelay(Notifier, ConfigurationOptions.Parse(redis), loggers.CreateLogger<RedisStatusRelay>());
        }

        public RequestStatusNotifier Notifier { get; } = new();

        public RedisStatusRelay Relay { get; }

        public Task WorkHeard => workHeard.Task;

        public int WorkCount => Volatile.Read(ref workCount);

        public IReadOnlyList<RequestStatusChange> Heard
        {
            get
            {
                while (incoming.TryRead(out var change))
                {
                    heard.Add(change);
                }

                return [.. heard];
            }
        }

        public static async Task<PortalProcess> StartAsync(string redis, CapturedLogs? logs = null)
        {
            var process = new PortalProcess(redis, logs);
            process.incoming = Watch(process.Notifier, process.stop.Token);
            await Eventually.UntilAsync(() => process.Notifier.WatcherCount == 1, "the process's page watches");
            await process.Relay.StartAsync(CancellationToken.None);
            return process;
        }

        /// <summary>Waits until this process's watchers have heard of <paramref name="requestId"/>.</summary>
        public async Task HeardAsync(long requestId)
        {
            if (Heard.Any(c => c.RequestId == requestId))
            {
                return;
            }

            using var timeout = new CancellationTokenSource(Eventually.Timeout);
            while (await incoming.WaitToReadAsync(timeout.Token))
            {
                if (Heard.Any(c => c.RequestId == requestId))
                {
                    return;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            await Relay.StopAsync(CancellationToken.None);
            Relay.Dispose();
            await stop.CancelAsync();
            stop.Dispose();
            loggers.Dispose();
        }
    }
}
