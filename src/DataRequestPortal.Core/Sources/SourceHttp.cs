using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Sources;

/// <summary>What the HTTP and upstream sources share: their named clients and how their faults are worded.</summary>
internal static class SourceHttp
{
    public static string ClientName(string key) => $"DataRequestPortal.Sources.{key}";

    /// <summary>
    /// A client per source. Redirects are not followed, so a configured API key never travels to another host; the
    /// factory's request logging is off, because request URLs name the subject (and may carry a key); each source sets
    /// its own time limits.
    /// </summary>
    public static void AddClient(IServiceCollection services, string key) =>
        services.AddHttpClient(ClientName(key), client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .RemoveAllLoggers();

    public static MediaTypeWithQualityHeaderValue Json { get; } = new("application/json");

    /// <summary>"500 Internal Server Error", and a hint for a redirect, which these clients do not follow.</summary>
    public static string Status(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        var status = string.IsNullOrWhiteSpace(response.ReasonPhrase) ? $"{code}" : $"{code} {response.ReasonPhrase}";
        return code is >= 300 and < 400 ? $"{status} (redirects are not followed; configure the final address)" : status;
    }

    /// <summary>Why a host could not be reached, named by host only: a URL may carry a token in its query.</summary>
    public static string Unreachable(Uri address, HttpRequestException ex)
    {
        var reason = ex.HttpRequestError switch
        {
            HttpRequestError.NameResolutionError => "its host name could not be resolved",
            HttpRequestError.ConnectionError => "no connection could be made",
            HttpRequestError.SecureConnectionError => "no secure connection could be made (check its certificate)",
            HttpRequestError.ResponseEnded => "the connection closed before a complete answer",
            HttpRequestError.InvalidResponse => "its answer was not valid HTTP",
            _ => "the request failed",
        };
        return $"{address.Host}:{address.Port} could not be used: {reason}";
    }
}
