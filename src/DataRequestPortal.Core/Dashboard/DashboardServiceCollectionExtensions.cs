using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>
    /// What the staff pages read: one request's timeline, sources' runs and deliveries together, and the compliance
    /// report; and the staff's daily digest, queued from the digest hour.
    /// </summary>
    public static IServiceCollection AddPortalDashboard(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReminderOptions>().Bind(configuration.GetSection(ReminderOptions.Section))
            .Validate(o => o.DueSoonDays is >= 0 and <= 366 && o.DigestHour is >= 0 and <= 23,
                "Reminders:DueSoonDays must be 0 to 366 and Reminders:DigestHour an hour of the day, 0 to 23.")
            .ValidateOnStart();
        services.AddSingleton<RequestDetails>();
        services.AddSingleton<ComplianceReport>();
        services.AddSingleton<StaffDigest>();
        services.AddSingleton<DigestLog>();
        services.AddSingleton(sp => new DailyDigestSender(
            sp.GetRequiredService<IDbContextFactory<PortalDbContext>>(),
            sp.GetRequiredService<StaffDigest>(),
            sp.GetRequiredService<ComplianceClock>(),
            sp.GetRequiredService<IOptions<ReminderOptions>>(),
            sp.GetRequiredService<IOptions<PortalOptions>>(),
            sp.GetRequiredService<ILogger<DailyDigestSender>>(),
            sp.GetRequiredService<ReportDeliveryWorker>().Wake));
        return services;
    }
}
