using DataRequestPortal.Web.Components.Pages.Requests;

namespace DataRequestPortal.Web.Components;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>Services the dashboard's pages share with its HTTP calls.</summary>
    public static IServiceCollection AddPortalDashboard(this IServiceCollection services)
    {
        services.AddScoped<StaffRequestActions>();
        return services;
    }
}
