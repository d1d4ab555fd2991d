namespace DataRequestPortal.Web.Api;

/// <summary>
/// What other systems reach: the datarequest calls with an access token, the signed links in report emails, and the
/// API's OpenAPI document.
/// </summary>
public static class PublicApiEndpoints
{
    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapDataRequestApi();
        endpoints.MapSignedDownloadLinks();
        endpoints.MapDataRequestApiDocumentation();
        return endpoints;
    }
}
