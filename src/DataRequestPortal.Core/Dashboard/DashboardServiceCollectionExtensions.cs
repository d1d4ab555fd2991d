using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>What the staff pages read about one request: its timeline, sources' runs and deliveries together.</summary>
    public static IServiceCollection AddPortalDashboard(this IServiceCollection services)
    {
        services.AddSingleton<RequestDetails>();
        return services;
    }
}
