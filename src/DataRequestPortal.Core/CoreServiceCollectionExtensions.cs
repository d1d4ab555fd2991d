using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Everything the portal does without a web host; <paramref name="contentRoot"/> anchors relative paths in the settings.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddPortalDatabase(configuration, contentRoot);
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section));
        services.AddPortalClock(configuration);
        services.AddPortalSources(configuration);
        services.AddPortalCollection(configuration, contentRoot);
        services.AddPortalExport(contentRoot);
        services.AddPortalRequests(configuration);
        services.AddPortalStaff(configuration);
        services.AddPortalSignInSecurity();
        services.AddPortalAudit();
        services.AddPortalApiClients();
        services.AddPortalEmail(configuration, contentRoot);
        services.AddPortalDelivery(configuration);
        services.AddPortalSelfService(configuration);
        services.AddPortalReview();
        services.AddPortalDownloads();
        services.AddPortalDashboard(configuration);

        var roles = ProcessRoles.From(configuration);
        services.AddSingleton(roles);
        if (roles.Worker)
        {
            services.AddPortalBackgroundWork();
        }

        return services;
    }

    /// <summary>
    /// What a worker process runs, the registrations above having made each one: collection and its result sweeper,
    /// report preparation and delivery, the daily digest, and the clean-up of originals and sign-in records. A
    /// web-only process registers the same services (pages call them) but never starts them.
    /// </summary>
    private static void AddPortalBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService(sp => sp.GetRequiredService<CollectionWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<ResultSweeper>());
        services.AddHostedService<ReportPreparation>();
        services.AddHostedService(sp => sp.GetRequiredService<ReportDeliveryWorker>());
        services.AddHostedService(sp => sp.GetRequiredService<DailyDigestSender>());
        services.AddHostedService<OriginalSweeper>();
        services.AddHostedService<SignInHousekeeping>();
    }
}
