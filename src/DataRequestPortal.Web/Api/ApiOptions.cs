namespace DataRequestPortal.Web.Api;

/// <summary>The REST API's settings (configuration section <c>Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Plain-HTTP calls are refused with 400, as the seeds document; off in development.</summary>
    public bool RequireHttps { get; set; } = true;

    /// <summary>
    /// Addresses (<c>10.0.0.5</c>) or networks (<c>10.0.0.0/8</c>) of reverse proxies whose <c>X-Forwarded-Proto</c>
    /// and <c>X-Forwarded-For</c> count. Empty means none (loopback in development).
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; set; } = 64 * 1024;

    public ApiRateLimitOptions RateLimit { get; set; } = new();
}

public sealed class ApiRateLimitOptions
{
    /// <summary>Calls one token may make per minute; more get 429 with Retry-After.</summary>
    public int PermitsPerMinute { get; set; } = 120;
}
