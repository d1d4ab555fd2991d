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

        // Configured facts are the organisation's own: the built-in translations of the default facts no longer fit them.
        if (facts.GetChildren().Any(c => c.Key != nameof(SourceFacts.Translations)))
        {
            options.Facts.Translations = [];
        }

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
        Translations = new(StringComparer.OrdinalIgnoreCase)
        {
            ["nl"] = new()
            {
                Purposes =
                [
                    "Het versturen van de nieuwsbrieven, aanbiedingen en servicemails waarvoor u zich hebt aangemeld of die uit uw bestellingen voortvloeien",
                    "Het actueel houden van uw abonnement, voorkeuren en profielgegevens",
                    "Meten of onze mails worden geopend en welke links worden gevolgd, om onze mailings te verbeteren",
                    "U in enquêtes om uw mening vragen en uw antwoorden gebruiken om onze producten en dienstverlening te verbeteren",
                ],
                Recipients =
                [
                    "Onze e-mailverzender, die de mails namens ons verstuurt (verwerker)",
                    "Onze hostingprovider in de Europese Unie, die de mailingdatabase opslaat (verwerker)",
                ],
                Retention = "Uw profiel wordt bewaard zolang u bent aangemeld of klant bent, en binnen 30 dagen nadat u zich afmeldt of uw "
                    + "account opheft verwijderd. Verstuurde mails, openingen, kliks en antwoorden op enquêtes worden bewaard tot 24 maanden "
                    + "nadat de mail is verstuurd of de enquête is ingevuld.",
                Origin = "Van u, toen u zich aanmeldde, een bestelling plaatste, een enquête invulde of uw voorkeuren wijzigde. Openingen en "
                    + "kliks worden door ons mailingplatform vastgelegd wanneer u een mail opent of een link daarin volgt.",
                AutomatedDecisionMaking = "Er worden geen besluiten met rechtsgevolgen of vergelijkbare aanmerkelijke gevolgen automatisch "
                    + "genomen. Uw voorkeuren, openingen en kliks bepalen welke nieuwsbrieven en aanbiedingen u ontvangt (segmentatie).",
            },
            ["de"] = new()
            {
                Purposes =
                [
                    "Versand der Newsletter, Angebote und Service-E-Mails, die Sie abonniert haben oder die sich aus Ihren Bestellungen ergeben",
                    "Aktualisierung Ihres Abonnements, Ihrer Einstellungen und Ihrer Profilangaben",
                    "Messung, ob unsere E-Mails geöffnet und welche Links aufgerufen werden, um unsere Mailings zu verbessern",
                    "Befragung in Umfragen und Nutzung Ihrer Antworten zur Verbesserung unserer Produkte und Leistungen",
                ],
                Recipients =
                [
                    "Unser E-Mail-Versanddienstleister, der die E-Mails in unserem Auftrag versendet (Auftragsverarbeiter)",
                    "Unser Hosting-Anbieter in der Europäischen Union, der die Mailing-Datenbank speichert (Auftragsverarbeiter)",
                ],
                Retention = "Ihr Profil wird gespeichert, solange Sie angemeldet oder Kunde sind, und innerhalb von 30 Tagen nach Ihrer Abmeldung "
                    + "oder der Schließung Ihres Kontos gelöscht. Versendete E-Mails, Öffnungen, Klicks und Umfrageantworten werden 24 Monate "
                    + "nach dem Versand der E-Mail bzw. dem Ausfüllen der Umfrage gespeichert.",
                Origin = "Von Ihnen, als Sie sich angemeldet, eine Bestellung aufgegeben, eine Umfrage ausgefüllt oder Ihre Einstellungen geändert "
                    + "haben. Öffnungen und Klicks erfasst unsere Mailing-Plattform, wenn Sie eine E-Mail öffnen oder einem ihrer Links folgen.",
                AutomatedDecisionMaking = "Es werden keine Entscheidungen mit rechtlicher Wirkung oder ähnlich erheblicher Beeinträchtigung "
                    + "automatisiert getroffen. Ihre Einstellungen, Öffnungen und Klicks bestimmen, welche Newsletter und Angebote Sie erhalten (Segmentierung).",
            },
            ["fr"] = new()
            {
                Purposes =
                [
                    "L'envoi des newsletters, offres et e-mails de service auxquels vous vous êtes inscrit ou qui découlent de vos commandes",
                    "La mise à jour de votre abonnement, de vos préférences et des informations de votre profil",
                    "La mesure de l'ouverture de nos e-mails et des liens suivis, afin d'améliorer nos envois",
                    "Le recueil de votre avis par des enquêtes et l'utilisation de vos réponses pour améliorer nos produits et services",
                ],
                Recipients =
                [
                    "Notre prestataire d'envoi d'e-mails, qui envoie les e-mails pour notre compte (sous-traitant)",
                    "Notre hébergeur dans l'Union européenne, qui conserve la base de données d'envoi (sous-traitant)",
                ],
                Retention = "Votre profil est conservé tant que vous êtes inscrit ou client, et supprimé dans les 30 jours suivant votre "
                    + "désinscription ou la fermeture de votre compte. Les e-mails envoyés, ouvertures, clics et réponses aux enquêtes sont "
                    + "conservés 24 mois après l'envoi de l'e-mail ou la réponse à l'enquête.",
                Origin = "Vous-même, lors de votre inscription, d'une commande, d'une réponse à une enquête ou d'une modification de vos "
                    + "préférences. Les ouvertures et les clics sont enregistrés par notre plateforme d'envoi lorsque vous ouvrez un e-mail ou suivez l'un de ses liens.",
                AutomatedDecisionMaking = "Aucune décision produisant des effets juridiques ou des effets similaires significatifs n'est prise "
                    + "de manière automatisée. Vos préférences, ouvertures et clics déterminent les newsletters et offres que vous recevez (segmentation).",
            },
        },
    };
}
