using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Delivery;

public static class DeliveryServiceCollectionExtensions
{
    /// <summary>Signed report delivery to API clients' URLs and email addresses, with its background sender.</summary>
    public static IServiceCollection AddPortalDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section))
            .Validate(o => o.TimeoutSeconds > 0 && o.FirstRetryMinutes > 0 && o.MaxRetryMinutes >= o.FirstRetryMinutes && o.GiveUpAfterHours > 0 && o.PollSeconds > 0,
                "Delivery:TimeoutSeconds, FirstRetryMinutes, GiveUpAfterHours and PollSeconds must be above 0, MaxRetryMinutes at least FirstRetryMinutes.")
            .Validate(o => o.MaxAttachmentBytes >= 0 && (string.IsNullOrEmpty(o.LinkKey) || o.LinkKey.Length >= PortalKey.MinConfiguredLength),
                $"Delivery:MaxAttachmentBytes must not be negative, and Delivery:LinkKey, when set, at least {PortalKey.MinConfiguredLength} characters.")
            .ValidateOnStart();
        services.AddOptions<PortalOptions>().Bind(configuration.GetSection(PortalOptions.Section));
        services.AddSingleton<ISubjectNotices, SubjectNoticeQueue>();
        services.AddSingleton<IManualTaskNotices, ManualTaskNoticeQueue>();
        services.AddSingleton(sp => new PortalKey(sp.GetRequiredService<IOptions<DeliveryOptions>>().Value.LinkKey, () => sp.GetRequiredService<ResultStore>().SharedKey(PortalKey.FileName)));
        services.AddSingleton<DownloadLinks>();
        services.AddSingleton<ReportSender>();
        services.AddSingleton<ReportMailer>();
        services.AddSingleton<ReportDeliveryWorker>();
        return services;
    }
}
