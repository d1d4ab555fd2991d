using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Counts API calls in the Redis server the portal's processes share (<c>Redis:Configuration</c>), so every process takes
/// from one allowance per caller. A call costs one round trip: one script increments the caller's counter and starts its
/// window with the first call. Keys hold a hash of the caller (token hash or client address), never the address itself,
/// and expire with their window. While Redis cannot be reached, <see cref="CountAsync"/> answers null at once and the
/// caller counts in its own process; that is logged once when it starts and once when Redis is back.
/// </summary>
public sealed partial class RedisRateLimitCounter : IDisposable
{
    private const string KeyPrefix = "DataRequestPortal:ratelimit:";

    // INCR and the window's expiry in one step, so no counter is ever left without one; PTTL tells the refused when to return.
    private const string CountScript = """
        local count = redis.call('INCR', KEYS[1])
        local left = redis.call('PTTL', KEYS[1])
        if left < 0 then
          redis.call('PEXPIRE', KEYS[1], ARGV[1])
          left = tonumber(ARGV[1])
        end
        return {count, left}
        """;

    private readonly Lazy<Task<ConnectionMultiplexer?>> connection;
    private readonly ILogger<RedisRateLimitCounter> logger;
    private int countingAlone;

    public RedisRateLimitCounter(ConfigurationOptions redis, ILogger<RedisRateLimitCounter> logger)
    {
        ArgumentNullException.ThrowIfNull(redis);
        this.logger = logger;
        var options = redis.Clone();
        options.AbortOnConnectFail = false;

        // A call is never held for Redis: without a connection it is counted here instead.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        connection = new(() => ConnectAsync(options));
    }

    /// <summary>
    /// Counts one call of <paramref name="caller"/> in its shared window of <paramref name="window"/>: the calls so far in
    /// this window (this one included) and the time until it ends; null when Redis cannot count it now.
    /// </summary>
    public async Task<(long Count, TimeSpan WindowLeft)?> CountAsync(string caller, TimeSpan window)
    {
        var redis = await connection.Value;
        if (redis is null || !redis.IsConnected)
        {
            CountingAlone("Redis is not connected");
            return null;
        }

        try
        {
            var answer = (RedisResult[]?)await redis.GetDatabase().ScriptEvaluateAsync(
                CountScript,
                [KeyOf(caller)],
                [(long)window.TotalMilliseconds]);
            if (answer is not [var count, var left])
            {
                CountingAlone("Redis gave an unexpected answer");
                return null;
            }

            if (Interlocked.Exchange(ref countingAlone, 0) == 1)
            {
                LogSharedAgain(logger);
            }

            return ((long)count, TimeSpan.FromMilliseconds(Math.Max(0, (long)left)));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            CountingAlone(ex.GetType().Name + ": " + ex.Message);
            return null;
        }
    }

    public void Dispose()
    {
        if (connection.IsValueCreated && connection.Value.IsCompletedSuccessfully)
        {
            connection.Value.Result?.Dispose();
        }
    }

    private static RedisKey KeyOf(string caller) =>
        KeyPrefix + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(caller)), 0, 16);

    private async Task<ConnectionMultiplexer?> ConnectAsync(ConfigurationOptions options)
    {
        try
        {
            // Returns after the connect timeout even while Redis is away, and keeps trying in the background.
            return await ConnectionMultiplexer.ConnectAsync(options);
        }
        catch (Exception ex) when (ex is RedisException or ArgumentException or InvalidOperationException)
        {
            CountingAlone(ex.GetType().Name + ": " + ex.Message);
            return null;
        }
    }

    private void CountingAlone(string reason)
    {
        if (Interlocked.Exchange(ref countingAlone, 1) == 0)
        {
            LogCountingAlone(logger, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API rate limits are counted in this process alone, not shared with the other portal processes ({Reason}); shared counting resumes when Redis answers again")]
    private static partial void LogCountingAlone(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "API rate limits are counted in Redis again, shared with the other portal processes")]
    private static partial void LogSharedAgain(ILogger logger);
}
