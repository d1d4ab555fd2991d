using Microsoft.AspNetCore.Authentication;

namespace DataRequestPortal.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The REST API's settings, token authentication, rate limits, and which proxies' forwarded headers count.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.MaxBodyBytes >= 1024, "Api:MaxBodyBytes must be at least 1024.")
            .Validate(o => o.RateLimit.PermitsPerMinute is null, "Api:RateLimit:PermitsPerMinute is no longer read: set Api:RateLimit:FilingsPerMinute and Api:RateLimit:ReadsPerMinute instead.")
            .Validate(o => o.RateLimit.FilingsPerMinute >= 1, "Api:RateLimit:FilingsPerMinute must be at least 1.")
            .Validate(o => o.RateLimit.ReadsPerMinute >= 1, "Api:RateLimit:ReadsPerMinute must be at least 1.")
            .Validate(o => o.TrustedProxies.All(TrustedProxies.IsAddressOrNetwork), "Api:TrustedProxies holds an entry that is neither an IP address nor a network such as 10.0.0.0/8.")
            .ValidateOnStart();

        services.AddTrustedProxies();
        services.AddSingleton<ApiRoutes>();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = ApiJson.Encoder);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiTokenAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        services.AddApiRateLimits(configuration);
        return services;
    }
}
