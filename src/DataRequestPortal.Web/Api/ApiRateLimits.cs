using System.Globalization;
using System.Threading.RateLimiting;
using DataRequestPortal.Core.Api;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Per-token limit on API calls (<c>Api:RateLimit:PermitsPerMinute</c>), counted by the hash of the presented token,
/// or by address for calls without one. Over the limit: 429 with <c>Retry-After</c>.
/// </summary>
public static class ApiRateLimits
{
    public const string Policy = "ApiCalls";

    public static IServiceCollection AddApiRateLimits(this IServiceCollection services) => services.AddRateLimiter(limiter =>
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.OnRejected = async (context, cancellationToken) =>
        {
            var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
            var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
            context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ApiJson.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, $"Too many calls with this token; try again in {seconds} s.");
        };
        limiter.AddPolicy(Policy, context =>
        {
            var permits = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.RateLimit.PermitsPerMinute;
            var token = ApiTokenAuthentication.PresentedToken(context.Request);
            var partition = token is null ? "address:" + context.Connection.RemoteIpAddress : "token:" + ApiToken.HashOf(token);
            return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = permits,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            });
        });
    });
}
