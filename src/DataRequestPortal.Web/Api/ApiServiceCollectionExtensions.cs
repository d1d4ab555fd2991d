using System.Net;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

public static class ApiServiceCollectionExtensions
{
    /// <summary>The REST API's settings, token authentication, rate limits, and which proxies' forwarded headers count.</summary>
    public static IServiceCollection AddPortalApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.Section))
            .Validate(o => o.MaxBodyBytes >= 1024, "Api:MaxBodyBytes must be at least 1024.")
            .Validate(o => o.RateLimit.PermitsPerMinute >= 1, "Api:RateLimit:PermitsPerMinute must be at least 1.")
            .Validate(o => o.TrustedProxies.All(IsAddressOrNetwork), "Api:TrustedProxies holds an entry that is neither an IP address nor a network such as 10.0.0.0/8.")
            .ValidateOnStart();

        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>>((forwarded, api) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            var proxies = api.Value.TrustedProxies.Where(IsAddressOrNetwork).ToList();
            if (proxies.Count == 0)
            {
                return;
            }

            // Configured proxies replace the default (loopback) rather than adding to it.
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy.Trim()));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy.Trim()));
                }
            }
        });

        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = ApiJson.Encoder);
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthentication.SchemeName, null);
        services.AddAuthorizationBuilder().AddPolicy(ApiTokenAuthentication.Policy, policy => policy
            .AddAuthenticationSchemes(ApiTokenAuthentication.SchemeName)
            .RequireAuthenticatedUser());
        services.AddApiRateLimits();
        return services;
    }

    private static bool IsAddressOrNetwork(string entry) =>
        entry.Contains('/', StringComparison.Ordinal)
            ? System.Net.IPNetwork.TryParse(entry.Trim(), out _)
            : IPAddress.TryParse(entry.Trim(), out _);
}
