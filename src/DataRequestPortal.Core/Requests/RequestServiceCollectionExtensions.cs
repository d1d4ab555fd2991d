using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataRequestPortal.Core.Requests;

public static class RequestServiceCollectionExtensions
{
    /// <summary>
    /// The clock every deadline is counted by, in the time zone of <c>Organisation:TimeZone</c> (UTC when empty), with the
    /// holidays of <c>Organisation:Holidays</c> and the default regime of <c>Organisation:Regime</c>.
    /// </summary>
    public static IServiceCollection AddPortalClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        // Resolved now, so a mistyped time zone, regime or holiday stops the start-up with a clear message instead of failing a page later.
        var organisation = configuration.GetSection(OrganisationOptions.Section);
        var zone = FindTimeZone(organisation[nameof(OrganisationOptions.TimeZone)]);
        var regime = ReadRegime(organisation[nameof(OrganisationOptions.Regime)]);
        var holidays = ReadHolidays(organisation.GetSection(nameof(OrganisationOptions.Holidays)));
        services.AddSingleton(sp => new ComplianceClock(sp.GetRequiredService<TimeProvider>(), zone, holidays, regime));
        return services;
    }

    /// <summary>Filing requests, reading and acting on them (the overview, the list, staff actions), and announcing their changes.</summary>
    public static IServiceCollection AddPortalRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RequestOptions>().Bind(configuration.GetSection(RequestOptions.Section))
            .Validate(o => o.AwaitingSubjectDays >= 1, "Requests:AwaitingSubjectDays must be at least 1.")
            .ValidateOnStart();
        services.AddOptions<ReviewOptions>().Bind(configuration.GetSection(ReviewOptions.Section))
            .Validate(o => o.KeepOriginalDays is null or >= 1, "Review:KeepOriginalDays must be at least 1, or left out to keep the original until the result expires.")
            .Validate(o => o.Reasons.All(r => !string.IsNullOrWhiteSpace(r.Key) && !string.IsNullOrWhiteSpace(r.Label)), "Every Review:Reasons entry needs a Key and a Label.")
            .ValidateOnStart();
        services.AddSingleton<RequestStatusNotifier>();
        services.AddSingleton<RequestFiling>();
        services.AddSingleton<RequestOverview>();
        services.AddSingleton<RequestList>();
        services.AddSingleton<RequestActions>();
        return services;
    }

    private static Regime ReadRegime(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Regime.Gdpr;
        }

        return Regimes.TryParse(name, out var regime)
            ? regime.Value
            : throw new InvalidOperationException($"Organisation:Regime '{name}' is not a regime; use GDPR, UK-GDPR or CCPA.");
    }

    private static HolidayCalendar ReadHolidays(IConfigurationSection section)
    {
        // A list (Organisation:Holidays:0, :1, …) or one comma-separated value, which suits environment variables.
        var texts = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new HolidayCalendar(texts.Select(text =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day)
                ? day
                : throw new InvalidOperationException($"Organisation:Holidays has '{text}', which is not a date in the form yyyy-MM-dd.")).ToList());
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
