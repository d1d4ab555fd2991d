using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// Rules every REST API call follows, whatever answers it — an endpoint, routing (404, 405), authentication (401),
/// the rate limiter (429) or an error: HTTPS only (when required), bounded bodies, and a JSON body with
/// <c>Content-Type</c> exactly <c>application/json</c>. Pages are not affected.
/// </summary>
public static partial class ApiCallRules
{
    public const string HttpsRequired = "HTTPS is required: the API does not accept plain-HTTP calls.";

    public const string BodyTooLarge = "The request body is too large.";

    private static readonly string[] Versions = ["/v1", "/v2", "/v3"];

    public static bool IsApiCall(PathString path) => Versions.Any(version => path.StartsWithSegments(version, StringComparison.OrdinalIgnoreCase));

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
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status400BadRequest, HttpsRequired);
            return;
        }

        try
        {
            await next(context);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var message = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? BodyTooLarge : "The request could not be read.";
            context.Response.Clear();
            await ApiJson.WriteErrorAsync(context, ex.StatusCode, message);
            return;
        }
        catch (Exception ex) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            // Named by its route, not its path, which may hold a subject's address.
            var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            LogFailed(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiCallRules).FullName!), context.Request.Method, route, ex);
            context.Response.Clear();
            await ApiJson.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "The call failed on the portal's side; try again later.");
            return;
        }

        var answered = context.Response;
        if (!answered.HasStarted && answered.StatusCode >= 400 && answered.ContentLength is null && string.IsNullOrEmpty(answered.ContentType))
        {
            await ApiJson.WriteErrorAsync(context, answered.StatusCode, DescribeEmpty(context));
        }
    }

    /// <summary>Words for the answers the framework gives without a body.</summary>
    private static string DescribeEmpty(HttpContext context) => context.Response.StatusCode switch
    {
        StatusCodes.Status404NotFound => "There is no such API call.",
        StatusCodes.Status405MethodNotAllowed => $"{context.Request.Method} is not allowed here; allowed: {context.Response.Headers.Allow}.",
        StatusCodes.Status413PayloadTooLarge => BodyTooLarge,
        var status => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "The call was refused.",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "API call {Method} {Route} failed")]
    private static partial void LogFailed(ILogger logger, string method, string route, Exception exception);
}
