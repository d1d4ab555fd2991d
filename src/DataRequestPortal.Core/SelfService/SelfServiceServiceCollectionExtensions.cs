using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Notices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.SelfService;

public static class SelfServiceServiceCollectionExtensions
{
    /// <summary>Data subjects' sign-in by emailed code, their accounts, requests and emails.</summary>
    public static IServiceCollection AddPortalSelfService(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SelfServiceOptions>().Bind(configuration.GetSection(SelfServiceOptions.Section))
            .Validate(o => o.CodeMinutes > 0 && o.MaxWrongAttempts > 0 && o.CodesPerAddressPerHour > 0 && o.CodesPerClientPerHour > 0 && o.SessionMinutes > 0,
                "SelfService:CodeMinutes, MaxWrongAttempts, CodesPerAddressPerHour, CodesPerClientPerHour and SessionMinutes must be above 0.")
            .Validate(o => o.Languages.All(l => SubjectLanguages.Normalize(l) is not null),
                "SelfService:Languages may only name languages the portal has texts for: " + string.Join(", ", SubjectLanguages.Shipped) + ".")
            .ValidateOnStart();
        services.AddOptions<OrganisationOptions>()
            .Validate(o => SubjectLanguages.Normalize(o.DefaultLanguage) is not null,
                "Organisation:DefaultLanguage must be one of " + string.Join(", ", SubjectLanguages.Shipped) + ".")
            .ValidateOnStart();
        services.AddLocalization();
        services.AddSingleton(provider => new SubjectLanguages(
            provider.GetRequiredService<IOptions<OrganisationOptions>>().Value,
            provider.GetRequiredService<IOptions<SelfServiceOptions>>().Value.Languages));
        services.AddSingleton<SubjectMails>();
        services.AddSingleton<SubjectSignIn>();
        services.AddSingleton<SubjectAccounts>();
        services.AddSingleton<SelfServiceRequests>();
        return services;
    }
}
