using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Serialization;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// The API's error body, in the shape Copernica's API answers errors with: <c>{"error": {"message": "...", "code": "..."}}</c>,
/// plus <c>parameter</c> when one parameter is to blame. <c>code</c> is one of <see cref="ApiErrorCode"/>.
/// </summary>
public sealed record ApiError([property: JsonPropertyName("error")] ApiErrorDetail Error);

public sealed record ApiErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("parameter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter = null);

/// <summary>
/// Why a call was refused, as <c>error.code</c> says it: the same reason whatever status code carried it (a refused
/// POST or PUT is always 400, see <see cref="ApiCallRules"/>).
/// </summary>
public static class ApiErrorCode
{
    /// <summary>400: the API is called over plain HTTP where HTTPS is required.</summary>
    public const string HttpsRequired = "https_required";

    /// <summary>400: a parameter is missing, malformed, of the wrong type, not valid Unicode or given twice; <c>parameter</c> names it.</summary>
    public const string InvalidParameter = "invalid_parameter";

    /// <summary>400: the body is not valid JSON, not a JSON object, or could not be read.</summary>
    public const string InvalidBody = "invalid_body";

    /// <summary>400: the open request this call repeats already reports to as many targets as a request may.</summary>
    public const string TooManyReportTargets = "too_many_report_targets";

    /// <summary>401: no access token.</summary>
    public const string TokenRequired = "token_required";

    /// <summary>401: the access token is not one the portal issued.</summary>
    public const string InvalidToken = "invalid_token";

    /// <summary>401: the access token was revoked.</summary>
    public const string TokenRevoked = "token_revoked";

    /// <summary>404: there is no such API call (for any method).</summary>
    public const string UnknownCall = "unknown_call";

    /// <summary>404: this token has no request with this id.</summary>
    public const string UnknownRequest = "unknown_request";

    /// <summary>404: the request's data is not there yet; ask for the status until it is.</summary>
    public const string NotReady = "not_ready";

    /// <summary>404: the request was cancelled or denied, so it has no data.</summary>
    public const string NotAvailable = "not_available";

    /// <summary>405: the path is an API call, but not for this method; <c>Allow</c> says which are.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>410: the result expired or was deleted.</summary>
    public const string Expired = "expired";

    /// <summary>413: the body is larger than <c>Api:MaxBodyBytes</c>.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>415: the body is neither JSON nor form data, or not in UTF-8.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>429: too many calls; <c>Retry-After</c> says how many seconds to wait.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>500: the call failed on the portal's side.</summary>
    public const string ServerError = "server_error";

    /// <summary>Any other refusal (a status the portal does not give itself).</summary>
    public const string Refused = "refused";
}

/// <summary>JSON as the API writes it. Clients written for the seeds accept exactly <c>application/json</c>, without a charset.</summary>
public static class ApiJson
{
    public const string ContentType = "application/json";

    public static JsonSerializerOptions SerializerOptions { get; } = new(JsonSerializerDefaults.Web) { Encoder = Encoder };

    /// <summary>
    /// Messages quote values ('x' is not ...); the relaxed encoder leaves quotes and angle brackets readable. Safe here:
    /// API responses are application/json with nosniff, never parsed as HTML.
    /// </summary>
    public static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    public static JsonHttpResult<ApiError> Error(int status, string code, string message, string? parameter = null) =>
        TypedResults.Json(new ApiError(new ApiErrorDetail(message, code, parameter)), SerializerOptions, ContentType, status);

    /// <summary>For code outside an endpoint (middleware, authentication), where there is no result to return.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new ApiError(new ApiErrorDetail(message, code)), SerializerOptions), context.RequestAborted);
    }
}
