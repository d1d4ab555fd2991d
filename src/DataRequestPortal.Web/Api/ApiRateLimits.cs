using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using DataRequestPortal.Web.Live;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>What a call counts as: filings (and other changes) and reads have allowances of their own.</summary>
public enum ApiCallKind
{
    Filing,
    Read,
}

/// <summary>
/// Limits on API calls: <c>Api:RateLimit:FilingsPerMinute</c> for calls that file or change (POST, PUT, DELETE) and
/// <c>Api:RateLimit:ReadsPerMinute</c> for reads (GET), each counted apart. Every call with a token counts against that
/// token. Every call without a token known to be valid (none, a made-up, revoked or not yet seen one) also counts against
/// its client address, so sending a different token each time gets nobody a fresh allowance; a token that authenticated
/// recently is not held up by what others do from its address. Over a limit: 429 (400 for a POST, see
/// <see cref="ApiCallRules"/>) with <c>Retry-After</c> and a JSON error. With a Redis connection (<c>Redis:Configuration</c>)
/// the portal's processes count in Redis and share each allowance; without one, or while Redis is away, each process
/// counts alone.
/// </summary>
public static class ApiRateLimits
{
    public const string Policy = "ApiCalls";

    private const string CountedBy = "ApiRateLimits.CountedBy";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RecentlyAuthenticatedTokens>();
        if (LiveUpdateExtensions.SharedRedis(configuration) is { } redis)
        {
            services.AddSingleton(provider => new RedisRateLimitCounter(redis, provider.GetRequiredService<ILogger<RedisRateLimitCounter>>()));
        }

        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var who = context.HttpContext.Items[CountedBy] as string ?? "from this address";
                var what = KindOf(context.HttpContext.Request) == ApiCallKind.Filing ? "filings" : "reads";
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiJson.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiErrorCode.RateLimited, $"Too many {what} {who}; try again in {seconds} s.");
            };

            // Runs first, on every API path (unknown ones too), before the token is checked.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ByClientAddress);
            limiter.AddPolicy(Policy, ByToken);
        });
    }

    /// <summary>GET and HEAD read; every other method files or changes something.</summary>
    public static ApiCallKind KindOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? ApiCallKind.Read : ApiCallKind.Filing;
    }

    /// <summary>API calls without a token known to be valid, per client address (the one the forwarded-headers rules settled on).</summary>
    private static RateLimitPartition<string> ByClientAddress(HttpContext context)
    {
        if (!ApiCallRules.IsApiCall(context.Request.Path)
            || (ApiTokenAuthentication.PresentedTokenHash(context) is { } tokenHash
                && context.RequestServices.GetRequiredService<RecentlyAuthenticatedTokens>().Contains(tokenHash)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        context.Items[CountedBy] = "from this address";
        return Allowance(context, "client:" + ClientOf(context.Connection.RemoteIpAddress));
    }

    /// <summary>Calls with a token, per token (its hash): the first call of a new token counts as much as the others.</summary>
    private static RateLimitPartition<string> ByToken(HttpContext context)
    {
        if (ApiTokenAuthentication.PresentedTokenHash(context) is not { } tokenHash)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        context.Items[CountedBy] = "with this token";
        return Allowance(context, "token:" + tokenHash);
    }

    /// <summary>
    /// The one place that says how a caller's calls of one kind are counted: a fixed window of a minute, in Redis when
    /// the processes share one (falling back to this process's own count while it is away), in this process otherwise.
    /// </summary>
    private static RateLimitPartition<string> Allowance(HttpContext context, string caller)
    {
        var limits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit;
        var kind = KindOf(context.Request);
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = kind == ApiCallKind.Filing ? limits.FilingsPerMinute : limits.ReadsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        };
        if (context.RequestServices.GetService<RedisRateLimitCounter>() is { } shared)
        {
            return RateLimitPartition.Get($"{caller}:{kind}", key => new RedisFixedWindowLimiter(shared, key, window));
        }

        return RateLimitPartition.GetFixedWindowLimiter($"{caller}:{kind}", _ => window);
    }

    /// <summary>An IPv6 client is given a whole /64 by its provider, so the /64 counts as one client.</summary>
    private static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4().ToString();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
