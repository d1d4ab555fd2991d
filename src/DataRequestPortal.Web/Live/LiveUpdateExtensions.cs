using DataRequestPortal.Core.Requests;
using StackExchange.Redis;

namespace DataRequestPortal.Web.Live;

public static class LiveUpdateExtensions
{
    /// <summary>
    /// SignalR for live request updates; with a Redis connection (<c>Redis:Configuration</c>, or the older
    /// <c>SignalR:Redis</c>) processes share request changes for their pages and collectors, and hub messages.
    /// </summary>
    public static IServiceCollection AddPortalLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        if (SharedRedis(configuration) is { } redis)
        {
            signalR.AddStackExchangeRedis(options =>
            {
                options.Configuration = redis.Clone();
                options.Configuration.ChannelPrefix = RedisChannel.Literal("DataRequestPortal");
            });
            services.AddHostedService(provider => new RedisStatusRelay(
                provider.GetRequiredService<RequestStatusNotifier>(),
                redis,
                provider.GetRequiredService<ILogger<RedisStatusRelay>>()));
        }

        services.AddHostedService<RequestStatusBroadcaster>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalLiveUpdates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RequestsHub>(RequestsHub.Path);
        return endpoints;
    }

    /// <summary>
    /// The Redis connection portal processes share, or null for a process on its own. A connection string that does
    /// not parse stops the start; while Redis is away the process keeps working and reconnects by itself.
    /// </summary>
    public static ConfigurationOptions? SharedRedis(IConfiguration configuration)
    {
        var value = configuration["Redis:Configuration"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration["SignalR:Redis"];
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        ConfigurationOptions options;
        try
        {
            options = ConfigurationOptions.Parse(value);
        }
        catch (ArgumentException ex)
        {
            // The parser names the option it rejects, never a password's value (any text is a valid password).
            throw new InvalidOperationException("Redis:Configuration (or SignalR:Redis) is not a valid Redis connection string: " + ex.Message, ex);
        }

        options.AbortOnConnectFail = false;
        return options;
    }
}
