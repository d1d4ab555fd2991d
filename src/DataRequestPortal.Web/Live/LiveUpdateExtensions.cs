using StackExchange.Redis;

namespace DataRequestPortal.Web.Live;

public static class LiveUpdateExtensions
{
    /// <summary>SignalR for live request updates; with <c>SignalR:Redis</c> set, processes share updates through Redis.</summary>
    public static IServiceCollection AddPortalLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        var signalR = services.AddSignalR();
        var redis = configuration["SignalR:Redis"];
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis, options => options.Configuration.ChannelPrefix = RedisChannel.Literal("DataRequestPortal"));
        }

        services.AddHostedService<RequestStatusBroadcaster>();
        return services;
    }

    public static IEndpointRouteBuilder MapPortalLiveUpdates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<RequestsHub>(RequestsHub.Path);
        return endpoints;
    }
}
