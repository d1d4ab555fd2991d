using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Email;

public static class EmailServiceCollectionExtensions
{
    /// <summary>Outgoing email; <paramref name="contentRoot"/> anchors a relative pickup folder.</summary>
    public static IServiceCollection AddPortalEmail(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.FromAddress) && MimeKit.MailboxAddress.TryParse(o.FromAddress, out _), "Email:FromAddress must be an email address.")
            .Validate(o => o.Mode != EmailMode.Pickup || !string.IsNullOrWhiteSpace(o.PickupDirectory), "Email:PickupDirectory is empty.")
            .Validate(o => o.Mode != EmailMode.Smtp || (!string.IsNullOrWhiteSpace(o.Smtp.Host) && o.Smtp.Port is > 0 and <= 65535 && o.Smtp.TimeoutSeconds > 0),
                "Email:Smtp:Host must be set, Email:Smtp:Port between 1 and 65535 and Email:Smtp:TimeoutSeconds above 0.")
            .ValidateOnStart();
        services.AddSingleton(sp => new MailDispatch(
            sp.GetRequiredService<IOptions<EmailOptions>>(),
            sp.GetRequiredService<IOptions<OrganisationOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            contentRoot));
        return services;
    }
}
