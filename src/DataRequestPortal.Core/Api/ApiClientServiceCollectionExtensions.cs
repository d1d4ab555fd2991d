using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Api;

public static class ApiClientServiceCollectionExtensions
{
    /// <summary>Access tokens, and requests as API clients see them.</summary>
    public static IServiceCollection AddPortalApiClients(this IServiceCollection services)
    {
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<ApiClientRequests>();
        services.AddSingleton<ApiStatusReads>();
        return services;
    }
}
