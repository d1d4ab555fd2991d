using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.SelfService;

public static class SelfServiceServiceCollectionExtensions
{
    /// <summary>Data subjects' sign-in by emailed code, their accounts, requests and emails.</summary>
    public static IServiceCollection AddPortalSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SelfServiceOptions>().Bind(configuration.GetSection(SelfServiceOptions.Section))
            .Validate(o => o.CodeMinutes > 0 && o.MaxWrongAttempts > 0 && o.CodesPerAddressPerHour > 0 && o.CodesPerClientPerHour > 0 && o.SessionMinutes > 0,
                "SelfService:CodeMinutes, MaxWrongAttempts, CodesPerAddressPerHour, CodesPerClientPerHour and SessionMinutes must be above 0.")
            .ValidateOnStart();
        services.AddSingleton<SubjectMails>();
        services.AddSingleton<SubjectSignIn>();
        services.AddSingleton<SubjectAccounts>();
        services.AddSingleton<SelfServiceRequests>();
        return services;
    }
}
