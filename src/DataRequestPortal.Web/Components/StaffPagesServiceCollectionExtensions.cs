using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components.Server;

namespace DataRequestPortal.Web.Components;

public static class StaffPagesServiceCollectionExtensions
{
    /// <summary>Services the staff pages share with their HTTP calls.</summary>
    public static IServiceCollection AddPortalStaffPages(this IServiceCollection services)
    {
        services.AddScoped<StaffRequestActions>();
        services.AddScoped<StaffReviews>();
        services.AddScoped<StaffTaskActions>();
        services.AddSingleton<Layout.ThemeStylesheet>();
        return services;
    }

    /// <summary>
    /// The pages' connection carries its render updates uncompressed: a compressed WebSocket keeps a deflate state of
    /// about 300 KB per open page on the server, for updates that on a staff network are small anyway. Framing by
    /// other sites stays refused by the portal's own security headers.
    /// </summary>
    public static void ConfigureCircuits(ServerComponentsEndpointOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.DisableWebSocketCompression = true;
    }
}
