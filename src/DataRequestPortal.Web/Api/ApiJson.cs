using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using System.Text.Json.Serialization;

namespace DataRequestPortal.Web.Api;

/// <summary>The API's error body: <c>{"error": "...", "parameter": "email"}</c>, the parameter only when one is to blame.</summary>
public sealed record ApiError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("parameter"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Parameter = null);

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

    public static JsonHttpResult<ApiError> Error(int status, string message, string? parameter = null) =>
        TypedResults.Json(new ApiError(message, parameter), SerializerOptions, ContentType, status);

    /// <summary>For code outside an endpoint (middleware, authentication), where there is no result to return.</summary>
    public static async Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        await context.Response.WriteAsync(JsonSerializer.Serialize(new ApiError(message), SerializerOptions), context.RequestAborted);
    }
}
