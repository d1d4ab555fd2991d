using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>What the staff pages read: one request's timeline, sources' runs and deliveries together, and the compliance report.</summary>
    public static IServiceCollection AddPortalDashboard(this IServiceCollection services)
    {
        services.AddSingleton<RequestDetails>();
        services.AddSingleton<ComplianceReport>();
        return services;
    }
}
