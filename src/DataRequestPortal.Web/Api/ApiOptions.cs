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

/// <summary>
/// Calls per minute (<c>Api:RateLimit</c>), counted per token, and per client address for calls without a token known to
/// be valid. Filings and reads are counted apart, so a client polling the status of many requests never holds up its
/// filings, nor the other way round.
/// </summary>
public sealed class ApiRateLimitOptions
{
    /// <summary>Calls that file or change something (POST, PUT, DELETE) per minute; more get 429 (400 for a POST) with Retry-After.</summary>
    public int FilingsPerMinute { get; set; } = 300;

    /// <summary>
    /// Calls that read (GET: status, result, data, PDF) per minute; more get 429 with Retry-After. The default leaves room for
    /// polling 20 requests every second (1,200 a minute) and fetching their results.
    /// </summary>
    public int ReadsPerMinute { get; set; } = 3000;

    /// <summary>The single limit of earlier versions; refused at start with a pointer to the two settings that replaced it.</summary>
    public int? PermitsPerMinute { get; set; }
}
