using Microsoft.AspNetCore.Routing.Template;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// The API's calls by path, whatever the method: tells a path the API has, called with the wrong method (405), from a
/// path it does not have (404). Routing alone cannot, because the pages' fallback route matches every path for GET.
/// </summary>
public sealed class ApiRoutes(EndpointDataSource endpoints)
{
    private readonly Lazy<IReadOnlyList<(TemplateMatcher Matcher, IReadOnlyList<string> Methods)>> routes = new(() =>
        [.. endpoints.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } pattern && ApiCallRules.IsApiCall("/" + pattern.TrimStart('/')))
            .Select(e => (new TemplateMatcher(new RouteTemplate(e.RoutePattern), []), e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []))]);

    /// <summary>The methods the API answers on <paramref name="path"/>; empty when it is no API call at all.</summary>
    public IReadOnlyList<string> MethodsFor(PathString path) =>
        [.. routes.Value.Where(r => r.Matcher.TryMatch(path, [])).SelectMany(r => r.Methods).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
}
