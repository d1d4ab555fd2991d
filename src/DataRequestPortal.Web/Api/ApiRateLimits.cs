using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using DataRequestPortal.Core.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Limits on API calls, <c>Api:RateLimit:PermitsPerMinute</c> each. Every call with a token counts against that token.
/// Every call without a token known to be valid (none, a made-up, revoked or not yet seen one) also counts against its
/// client address, so sending a different token each time gets nobody a fresh allowance; a token that authenticated
/// recently is not held up by what others do from its address. Over a limit: 429 with <c>Retry-After</c> and a JSON error.
/// </summary>
public static class ApiRateLimits
{
    public const string Policy = "ApiCalls";

    private const string CountedBy = "ApiRateLimits.CountedBy";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<RecentlyAuthenticatedTokens>();
        return services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var who = context.HttpContext.Items[CountedBy] as string ?? "from this address";
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await ApiJson.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, $"Too many calls {who}; try again in {seconds} s.");
            };

            // Runs first, on every API path (unknown ones too), before the token is checked.
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(ByClientAddress);

            // Separate limits for filings and reads would be further policies like this one, each with its own permits.
            limiter.AddPolicy(Policy, context => ByToken(context, api => api.RateLimit.PermitsPerMinute));
        });
    }

    /// <summary>API calls without a token known to be valid, per client address (the one the forwarded-headers rules settled on).</summary>
    private static RateLimitPartition<string> ByClientAddress(HttpContext context)
    {
        if (!ApiCallRules.IsApiCall(context.Request.Path)
            || (ApiTokenAuthentication.PresentedToken(context.Request) is { } token
                && context.RequestServices.GetRequiredService<RecentlyAuthenticatedTokens>().Contains(ApiToken.HashOf(token))))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        context.Items[CountedBy] = "from this address";
        return PerMinute("client:" + ClientOf(context.Connection.RemoteIpAddress), Options(context).RateLimit.PermitsPerMinute);
    }

    /// <summary>Calls with a token, per token (its hash): the first call of a new token counts as much as the others.</summary>
    private static RateLimitPartition<string> ByToken(HttpContext context, Func<ApiOptions, int> permitsPerMinute)
    {
        if (ApiTokenAuthentication.PresentedToken(context.Request) is not { } token)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        context.Items[CountedBy] = "with this token";
        return PerMinute("token:" + ApiToken.HashOf(token), permitsPerMinute(Options(context)));
    }

    private static ApiOptions Options(HttpContext context) => context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;

    private static RateLimitPartition<string> PerMinute(string caller, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

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
