using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Rules every REST API call follows, whatever answers it — an endpoint, routing (404, 405), authentication (401),
/// the rate limiter (429) or an error: HTTPS only (when required), bounded bodies, a JSON body with
/// <c>Content-Type</c> exactly <c>application/json</c>, and a refused POST or PUT answered with 400. Pages are not affected.
/// </summary>
public static partial class ApiCallRules
{
    public const string HttpsRequired = "HTTPS is required: the API does not accept plain-HTTP calls.";

    public const string BodyTooLarge = "The request body is too large.";

    public const string UnknownCall = "There is no such API call.";

    private static readonly string[] Versions = ["/v1", "/v2", "/v3"];

    public static bool IsApiCall(PathString path) => Versions.Any(version => path.StartsWithSegments(version, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Copernica's published PHP class treats only a 400 (or no answer) to a POST or PUT as failure; any other status
    /// makes it return "success". So a refused call of these methods is 400, its reason in <c>error.code</c>; an unknown
    /// path stays 404 for every method.
    /// </summary>
    public static bool RefusalIsBadRequest(string method, int status) =>
        (HttpMethods.IsPost(method) || HttpMethods.IsPut(method)) && status is > 400 and < 500 and not StatusCodes.Status404NotFound;

    /// <summary>Goes after the status-code pages, so that API calls can opt out of them.</summary>
    public static IApplicationBuilder UseApiCallRules(this IApplicationBuilder app) =>
        app.UseWhen(context => IsApiCall(context.Request.Path), api => api.Use(ApplyAsync));

    private static async Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value;

        // A client library gets JSON, never the not-found page a browser would get.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }

        context.Response.OnStarting(() =>
        {
            var response = context.Response;
            if (string.IsNullOrEmpty(response.ContentType) || response.ContentType.StartsWith(ApiJson.ContentType, StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = ApiJson.ContentType;
            }

            if (RefusalIsBadRequest(context.Request.Method, response.StatusCode))
            {
                response.StatusCode = StatusCodes.Status400BadRequest;
            }

            // Results hold personal data: no proxy or browser cache keeps a copy.
            response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodyLimit)
        {
            bodyLimit.MaxRequestBodySize = options.MaxBodyBytes;
        }

        if (options.RequireHttps && !context.Request.IsHttps)
        {
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, ApiErrorCode.HttpsRequired, HttpsRequired);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var tooLarge = ex.StatusCode == StatusCodes.Status413PayloadTooLarge;
            context.Response.Clear();
            await ApiJson.WriteErrorAsync(context, ex.StatusCode, tooLarge ? ApiErrorCode.BodyTooLarge : ApiErrorCode.InvalidBody, tooLarge ? BodyTooLarge : "The request could not be read.");
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Named by its route, not its path, which may hold a subject's address.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiCallRules).FullName!), context.Request.Method, route, ex);
            context.Response.Clear();
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, ApiErrorCode.ServerError, "The call failed on the portal's side; try again later.");
            return;
        }

        var answered = context.Response;
        if (!answered.HasStarted && answered.StatusCode >= 400 && answered.ContentLength is null && string.IsNullOrEmpty(answered.ContentType))
        {
            if (answered.StatusCode == StatusCodes.Status405MethodNotAllowed)
            {
                // Routing's Allow comes from every route matching the path, the pages' fallback included.
                var allowed = context.RequestServices.GetRequiredService<ApiRoutes>().MethodsFor(context.Request.Path);
                answered.Headers.Allow = allowed.Count > 0 ? string.Join(", ", allowed) : default;
                answered.StatusCode = allowed.Count > 0 ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status404NotFound;
            }

            var (code, message) = DescribeEmpty(context);
            await ApiJson.WriteErrorAsync(context, answered.StatusCode, code, message);
        }
    }

    /// <summary>Words for the answers the framework gives without a body.</summary>
    private static (string Code, string Message) DescribeEmpty(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => (ApiErrorCode.UnknownCall, UnknownCall),
        StatusCodes.Status405MethodNotAllowed => (ApiErrorCode.MethodNotAllowed, $"{context.Request.Method} is not allowed here; allowed: {context.Response.Headers.Allow}."),
        StatusCodes.Status413PayloadTooLarge => (ApiErrorCode.BodyTooLarge, BodyTooLarge),
        var status => (ApiErrorCode.Refused, ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The call was refused."),
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "API call {Method} {Route} failed")]
    private static partial void LogFailed(ILogger logger, string method, string route, Exception exception);
}
