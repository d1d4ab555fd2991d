using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataRequestPortal.Core.Requests;

public static class RequestServiceCollectionExtensions
{
    /// <summary>The clock every deadline is counted by, in the time zone of <c>Organisation:TimeZone</c> (UTC when empty).</summary>
    public static IServiceCollection AddPortalClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Resolved now, so a mistyped time zone stops the start-up with a clear message instead of failing a page later.
        var zone = FindTimeZone(configuration[$"{OrganisationOptions.Section}:{nameof(OrganisationOptions.TimeZone)}"]);
        services.AddSingleton(sp => new ComplianceClock(sp.GetRequiredService<TimeProvider>(), zone));
        return services;
    }

    /// <summary>Filing requests, and reading and acting on them: the overview, the list, one request's details, staff actions.</summary>
    public static IServiceCollection AddPortalRequests(this IServiceCollection services)
    {
        services.AddSingleton<RequestFiling>();
        services.AddSingleton<RequestOverview>();
        services.AddSingleton<RequestList>();
        services.AddSingleton<RequestDetails>();
        services.AddSingleton<RequestActions>();
        return services;
    }

    private static TimeZoneInfo FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id.Trim());
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw new InvalidOperationException($"Organisation:TimeZone '{id}' is not a known time zone (use an id such as 'Europe/Amsterdam').", ex);
        }
    }
}
