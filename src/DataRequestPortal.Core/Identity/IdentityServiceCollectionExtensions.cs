using DataRequestPortal.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataRequestPortal.Core.Identity;

public static class IdentityServiceCollectionExtensions
{
    /// <summary>
    /// Identity's accounts and roles in the portal's database, looked up by the portal's one definition of an address.
    /// The web host adds sign-in and cookies on top of the builder this returns.
    /// </summary>
    public static IdentityBuilder AddPortalIdentityStores(this IServiceCollection services)
    {
        // Registered before Identity's own, which is only added when none is there.
        services.TryAddSingleton<ILookupNormalizer, PortalLookupNormalizer>();
        return services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;

                // User names are canonical addresses (EmailAddresses decides what is one), which may hold non-ASCII letters.
                options.User.AllowedUserNameCharacters = "";
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;

                // A disabled account is one locked without end; wrong passwords lock nothing (see StaffSignInThrottle).
                options.Lockout.AllowedForNewUsers = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
    }

    /// <summary>The staff accounts: the first admin and demo switches from <c>Seed</c>, the directory, and account changes.</summary>
    public static IServiceCollection AddPortalStaff(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SeedOptions>().Bind(configuration.GetSection(SeedOptions.Section));
        services.AddScoped<StaffSeed>();
        services.AddSingleton<StaffDirectory>();
        services.AddSingleton<StaffNames>();
        services.AddSingleton<StaffAccounts>();
        return services;
    }

    /// <summary>Server-side sessions and the staff sign-in throttle (their housekeeping runs in a worker, see <see cref="CoreServiceCollectionExtensions"/>).</summary>
    public static IServiceCollection AddPortalSignInSecurity(this IServiceCollection services)
    {
        services.AddSingleton<SignInSessions>();
        services.AddSingleton<StaffSignInThrottle>();
        return services;
    }
}
