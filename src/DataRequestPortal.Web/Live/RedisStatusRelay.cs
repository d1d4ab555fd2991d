using System.Net;
using System.Threading.Channels;
using DataRequestPortal.Core.Requests;
using StackExchange.Redis;

namespace DataRequestPortal.Web.Live;

/// <summary>
/// Shares request changes and word of collection work between portal processes through Redis pub/sub. What this
/// process publishes has already reached its own watchers; it goes out with this process's id, and what comes back
/// with that id is ignored, so no process hears of a change twice. What other processes send is handed to this
/// process's watchers and collector. While Redis is away, this process carries on alone and the connection is retried.
/// </summary>
public sealed partial class RedisStatusRelay(RequestStatusNotifier notifier, ConfigurationOptions redis, ILogger<RedisStatusRelay> logger) : BackgroundService
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("DataRequestPortal:requests");

    private const int QueueLength = 1000;
    private static readonly TimeSpan HelloInterval = TimeSpan.FromSeconds(2);

    // Publishing never waits for Redis: changes queue here (the oldest go when Redis is away long) and are sent in order.
    private readonly Channel<RelayMessage> outgoing = System.Threading.Channels.Channel.CreateBounded<RelayMessage>(new BoundedChannelOptions(QueueLength)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool sendFailing;

    /// <summary>This process among those sharing the Redis connection.</summary>
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");

    /// <summary>Completes once this process receives what it sends through Redis, and so what the others send.</summary>
    public Task Listening => listening.Task;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        notifier.PublishedHere += Send;
        notifier.WorkAnnouncedHere += SendWork;
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        notifier.PublishedHere -= Send;
        notifier.WorkAnnouncedHere -= SendWork;
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = redis.Clone();
        options.AbortOnConnectFail = false;
        ConnectionMultiplexer connection;
        try
        {
            connection = await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or InvalidOperationException)
        {
            LogNotStarted(logger, ex.GetType().Name, ex.Message);
            return;
        }

        if (!connection.IsConnected)
        {
            // The connection's failure events only tell of connections that once worked.
            LogUnreachable(logger, string.Join(", ", options.EndPoints.Select(Describe)));
        }

        connection.ConnectionFailed += OnConnectionFailed;
        connection.ConnectionRestored += OnConnectionRestored;
        try
        {
            var subscriber = connection.GetSubscriber();

            // Fire and forget: registered at once even while Redis is away, and subscribed again on every reconnect.
            var incoming = subscriber.Subscribe(Channel, CommandFlags.FireAndForget);
            incoming.OnMessage(Receive);
            var hello = SayHelloAsync(stoppingToken);
            await foreach (var message in outgoing.Reader.ReadAllAsync(stoppingToken))
            {
                stoppingToken.ThrowIfCancellationRequested();
                await PublishAsync(connection, subscriber, message);
            }

            await hello;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            connection.ConnectionFailed -= OnConnectionFailed;
            connection.ConnectionRestored -= OnConnectionRestored;
            await connection.CloseAsync(allowCommandsToComplete: false);
            connection.Dispose();
        }
    }

    private void Send(RequestStatusChange change) => outgoing.Writer.TryWrite(RelayMessage.Of(InstanceId, change));

    private void SendWork() => outgoing.Writer.TryWrite(new RelayMessage { From = InstanceId, Kind = RelayKind.Work });

    private async Task PublishAsync(ConnectionMultiplexer connection, ISubscriber subscriber, RelayMessage message)
    {
        try
        {
            // While Redis is away a change is dropped rather than held: late, it would only make pages read again.
            if (!connection.IsConnected)
            {
                throw new RedisConnectionException(ConnectionFailureType.UnableToConnect, "Redis is not connected.");
            }

            await subscriber.PublishAsync(Channel, message.ToJson());
            if (sendFailing)
            {
                sendFailing = false;
                LogSending(logger);
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            // Said once per outage; the connection's own failure is logged as it happens.
            if (!sendFailing)
            {
                sendFailing = true;
                LogSendFailed(logger, ex.GetType().Name, ex.Message);
            }
        }
    }

    // Until this process's own message comes back, it cannot be sure it hears the others.
    private async Task SayHelloAsync(CancellationToken stoppingToken)
    {
        while (!listening.Task.IsCompleted && !stoppingToken.IsCancellationRequested)
        {
            outgoing.Writer.TryWrite(new RelayMessage { From = InstanceId, Kind = RelayKind.Hello });
            try
            {
                await listening.Task.WaitAsync(HelloInterval, stoppingToken);
            }
            catch (TimeoutException)
            {
                // Not heard yet: Redis is away or the subscription is still on its way; say it again.
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Receive(ChannelMessage message)
    {
        var relayed = (byte[]?)message.Message is { } json ? RelayMessage.FromJson(json) : null;
        if (relayed is null)
        {
            LogNotUnderstood(logger);
            return;
        }

        if (relayed.From == InstanceId)
        {
            if (relayed.Kind == RelayKind.Hello && listening.TrySetResult())
            {
                LogListening(logger);
            }

            // Everything else of this process's own reached its watchers when it was published.
            return;
        }

        switch (relayed.Kind)
        {
            case RelayKind.Change when relayed.ToChange() is { } change:
                notifier.DeliverFromElsewhere(change);
                break;
            case RelayKind.Work:
                notifier.WorkAnnouncedElsewhere();
                break;
            case RelayKind.Hello:
                break;
            default:
                LogNotUnderstood(logger);
                break;
        }
    }

    private static string Describe(EndPoint endPoint) => endPoint is DnsEndPoint dns ? $"{dns.Host}:{dns.Port}" : endPoint.ToString() ?? "?";

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs args) =>
        LogConnectionFailed(logger, args.ConnectionType.ToString(), args.EndPoint?.ToString() ?? "?", args.FailureType.ToString(), args.Exception?.Message ?? "");

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs args) =>
        LogConnectionRestored(logger, args.ConnectionType.ToString(), args.EndPoint?.ToString() ?? "?");

    [LoggerMessage(Level = LogLevel.Error, Message = "Request changes are not shared with other portal processes: the Redis connection could not be set up ({ErrorType}: {Error})")]
    private static partial void LogNotStarted(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis at {EndPoints} cannot be reached; this process's pages miss other processes' changes until it can, which is retried")]
    private static partial void LogUnreachable(ILogger logger, string endPoints);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request changes are shared with other portal processes through Redis")]
    private static partial void LogListening(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis {ConnectionType} connection to {EndPoint} failed ({FailureType}); this process's pages miss other processes' changes until it is back, which is retried: {Error}")]
    private static partial void LogConnectionFailed(ILogger logger, string connectionType, string endPoint, string failureType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis {ConnectionType} connection to {EndPoint} restored")]
    private static partial void LogConnectionRestored(ILogger logger, string connectionType, string endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request changes could not be sent to other portal processes through Redis ({ErrorType}: {Error}); sending goes on when Redis is back")]
    private static partial void LogSendFailed(ILogger logger, string errorType, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Request changes are sent to other portal processes through Redis again")]
    private static partial void LogSending(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message on the portal's Redis channel was not understood and was ignored")]
    private static partial void LogNotUnderstood(ILogger logger);
}
