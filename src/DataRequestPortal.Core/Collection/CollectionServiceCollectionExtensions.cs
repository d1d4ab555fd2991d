using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

public static class CollectionServiceCollectionExtensions
{
    /// <summary>Result storage, the live-status notifier, the background collector and clean-up, and manual tasks.</summary>
    public static IServiceCollection AddPortalCollection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<CollectionOptions>().Bind(configuration.GetSection(CollectionOptions.Section));
        services.AddOptions<ResultOptions>().Bind(configuration.GetSection(ResultOptions.Section))
            .Validate(o => o.RetentionDays >= 1 && o.UnverifiedDays >= 1 && o.SweepMinutes > 0, "Results:RetentionDays and Results:UnverifiedDays must be at least 1, Results:SweepMinutes above 0.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ResultOptions>, ResultStoreSettings>();

        services.AddSingleton(sp => ResultStore.Create(sp.GetRequiredService<IOptions<ResultOptions>>(), contentRoot));
        services.AddSingleton<RequestLeases>();
        services.AddOptions<ManualTaskOptions>().Bind(configuration.GetSection(ManualTaskOptions.Section))
            .Validate(o => o.WarnDays >= 0, "Manual:WarnDays must not be negative.")
            .ValidateOnStart();
        services.AddSingleton<ManualTasks>();
        services.AddSingleton<RequestCollector>();
        services.AddSingleton<CollectionActivity>();
        services.AddSingleton<CollectionWorker>();
        services.AddSingleton<ResultSweeper>();
        return services;
    }
}
