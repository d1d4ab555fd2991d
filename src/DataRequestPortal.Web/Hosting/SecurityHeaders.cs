namespace DataRequestPortal.Web.Hosting;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers every response carries: no framing by other sites (clickjacking), no content-type guessing,
    /// and no full URLs (which can hold request ids) sent to other sites as referrer.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            return Task.CompletedTask;
        });
        await next();
    });
}
