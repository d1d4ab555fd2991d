using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Signed report delivery to API clients' URLs, with its background sender.</summary>
    public static IServiceCollection AddPortalDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0 && o.FirstRetryMinutes > 0 && o.MaxRetryMinutes >= o.FirstRetryMinutes && o.GiveUpAfterHours > 0 && o.PollSeconds > 0,
                "Delivery:TimeoutSeconds, FirstRetryMinutes, GiveUpAfterHours and PollSeconds must be above 0, MaxRetryMinutes at least FirstRetryMinutes.")
            .ValidateOnStart();
        services.AddSingleton<ReportSender>();
        services.AddSingleton<ReportDeliveryWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportDeliveryWorker>());
        return services;
    }
}
