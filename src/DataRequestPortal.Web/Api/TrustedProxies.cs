using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> count (<c>Api:TrustedProxies</c>). The chain is read from
/// the right, through every trusted proxy; the first address no trusted proxy vouches for is the client, whatever the
/// client wrote further left. Outside development nobody is trusted until proxies are configured; in development
/// loopback is, so a local proxy works. Everything that goes by the client's address (API and code-request limits,
/// the audit log) reads the address this settles on.
/// </summary>
public static class TrustedProxies
{
    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ApiOptions>, IHostEnvironment>((forwarded, api, environment) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.ForwardLimit = null;
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            var proxies = api.Value.TrustedProxies.Where(IsAddressOrNetwork).Select(p => p.Trim()).ToList();
            if (proxies.Count == 0 && environment.IsDevelopment())
            {
                proxies = ["127.0.0.0/8", "::1"];
            }

            if (proxies.Count == 0)
            {
                // With no known proxies the middleware would believe every peer, so the headers are not read at all.
                forwarded.ForwardedHeaders = ForwardedHeaders.None;
                return;
            }

            foreach (var proxy in proxies)
            {
                if (proxy.Contains('/', StringComparison.Ordinal))
                {
                    forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                }
                else
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            }
        });
        return services;
    }

    public static bool IsAddressOrNetwork(string entry) =>
        entry.Contains('/', StringComparison.Ordinal)
            ? System.Net.IPNetwork.TryParse(entry.Trim(), out _)
            : IPAddress.TryParse(entry.Trim(), out _);
}
