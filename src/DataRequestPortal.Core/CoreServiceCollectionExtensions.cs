using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataRequestPortal.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The database, the clock and the request services; <paramref name="contentRoot"/> anchors a relative SQLite path.</summary>
    public static IServiceCollection AddPortalCore(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var provider = PortalDatabase.ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString(PortalDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? PortalDatabase.DefaultSqliteConnectionString
                : throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:Portal is empty.");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            connectionString = PortalDatabase.ResolveSqlitePath(connectionString, contentRoot);
        }

        // The factory serves components and background work; Identity's stores use the scoped context it also registers.
        services.AddDbContextFactory<PortalDbContext>(options => PortalDatabase.Configure(options, provider, connectionString));

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section));
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));

        // Resolved now, so a mistyped time zone stops the start-up with a clear message instead of failing a page later.
        var zone = FindTimeZone(configuration[$"{OrganisationOptions.Section}:{nameof(OrganisationOptions.TimeZone)}"]);
        services.AddSingleton(sp => new ComplianceClock(sp.GetRequiredService<TimeProvider>(), zone));

        services.AddPortalSources(configuration);
        services.AddPortalCollection(configuration, contentRoot);
        services.AddPortalExport(contentRoot);
        services.AddScoped<StaffSeed>();
        services.AddSingleton<RequestFiling>();
        services.AddSingleton<RequestOverview>();
        services.AddSingleton<RequestList>();
        services.AddSingleton<RequestDetails>();
        services.AddSingleton<RequestActions>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffAccounts>();
        services.AddPortalSignInSecurity();
        services.AddSingleton<SourceChecks>();
        services.AddSingleton<AuditLog>();
        services.AddPortalApiClients();
        services.AddPortalEmail(configuration, contentRoot);
        services.AddPortalDelivery(configuration);
        services.AddPortalSelfService(configuration);
        services.AddPortalDownloads();
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
