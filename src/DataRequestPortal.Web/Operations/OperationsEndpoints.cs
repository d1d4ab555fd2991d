namespace DataRequestPortal.Web.Operations;

/// <summary>What operators and their monitoring reach: the health check.</summary>
public static class OperationsEndpoints
{
    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPortalHealthChecks();
        return endpoints;
    }
}
