using Microsoft.Extensions.Configuration;

namespace DataRequestPortal.Core.Sources.Platform;

/// <summary>The configuration section <c>Sources:Platform</c>: whether the platform store is a source, its title and its Art. 15(1) facts.</summary>
public sealed class PlatformStoreOptions
{
    public const string Section = "Sources:Platform";

    public const string DefaultTitle = "Mailing platform";

    public bool Enabled { get; set; } = true;

    public string Title { get; set; } = DefaultTitle;

    public SourceFacts Facts { get; set; } = DefaultFacts();

    public static PlatformStoreOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new PlatformStoreOptions();

        // The binder adds configured list items to the defaults; a configured list is meant to replace them.
        var facts = section.GetSection(nameof(Facts));
        if (facts.GetSection(nameof(SourceFacts.Purposes)).Exists())
        {
            options.Facts.Purposes = [];
        }

        if (facts.GetSection(nameof(SourceFacts.Recipients)).Exists())
        {
            options.Facts.Recipients = [];
        }

        section.Bind(options);
        if (string.IsNullOrWhiteSpace(options.Title))
        {
            options.Title = DefaultTitle;
        }

        return options;
    }

    /// <summary>What an organisation sending newsletters and service mail typically tells its subscribers.</summary>
    public static SourceFacts DefaultFacts() => new()
    {
        Purposes =
        [
            "Sending the newsletters, offers and service mails you signed up for or that follow from your orders",
            "Keeping your subscription, preferences and profile details up to date",
            "Measuring whether our mails are opened and which links are followed, to improve our mailings",
            "Asking for your opinion in surveys and using your answers to improve our products and service",
        ],
        Recipients =
        [
            "Our email delivery provider, which sends the mails on our behalf (processor)",
            "Our hosting provider in the European Union, which stores the mailing database (processor)",
        ],
        Retention = "Your profile is kept while you are subscribed or a customer and deleted within 30 days after you unsubscribe "
            + "or close your account. Sent mails, opens, clicks and survey answers are kept for 24 months after the mail was sent "
            + "or the survey filled in.",
        Origin = "From you, when you subscribed, placed an order, filled in a survey or changed your preferences. Opens and clicks "
            + "are recorded by our mailing platform when you open a mail or follow one of its links.",
        AutomatedDecisionMaking = "No decisions with legal or similarly significant effects are made automatically. Your preferences, "
            + "opens and clicks decide which newsletters and offers you receive (segmentation).",
    };
}
