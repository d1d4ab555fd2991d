namespace DataRequestPortal.Core.Sources.Platform.Demo;

// Words the demo data is made of. Addresses use the example domains (RFC 2606) and IP addresses the documentation
// ranges (RFC 5737, RFC 3849), so nothing generated can reach or name a real person.
internal static class DemoVocabulary
{
    public const string Brand = "Example Outdoor";

    public const string MailDomain = "mail.example.com";

    public static readonly string[] FirstNames =
    [
        "Emma", "Noah", "Sophie", "Lucas", "Mila", "Daan", "Julia", "Sem", "Tess", "Finn", "Anna", "Liam", "Sara", "Milan",
        "Fatima", "Mohammed", "Yara", "Omar", "Lars", "Ingrid", "Sofia", "Mateo", "Lucía", "Pablo", "Chloé", "Louis",
        "Zoë", "Jürgen", "Léa", "Hugo", "Maja", "Jakub", "Aoife", "Seán", "Eva", "Thomas", "Hannah", "David", "Olivia", "James",
        "Amira", "Youssef", "Nina", "Bram", "Elif", "Emre", "Ana", "João", "Freya", "Oscar",
    ];

    public static readonly string[] LastNames =
    [
        "de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder", "Bos", "Vos", "Peters", "Hendriks",
        "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Dubois", "Martin", "Lefèvre", "García", "Fernández", "López",
        "Rossi", "Bianchi", "Kowalski", "Nowak", "Andersson", "Johansson", "Nielsen", "O'Brien", "Murphy", "Smith", "Jones",
        "Williams", "Brown", "El Amrani", "Yılmaz", "Demir", "Silva", "Santos", "Novák", "Horvat", "Papadopoulos",
    ];

    public static readonly (string City, string Country, string Language)[] Cities =
    [
        ("Amsterdam", "NL", "nl"), ("Utrecht", "NL", "nl"), ("Rotterdam", "NL", "nl"), ("Groningen", "NL", "nl"), ("Eindhoven", "NL", "nl"),
        ("Antwerp", "BE", "nl"), ("Ghent", "BE", "nl"), ("Brussels", "BE", "fr"), ("Berlin", "DE", "de"), ("Munich", "DE", "de"),
        ("Hamburg", "DE", "de"), ("Cologne", "DE", "de"), ("Paris", "FR", "fr"), ("Lyon", "FR", "fr"), ("Madrid", "ES", "es"),
        ("Barcelona", "ES", "es"), ("Milan", "IT", "it"), ("Copenhagen", "DK", "da"), ("Stockholm", "SE", "sv"), ("Dublin", "IE", "en"),
        ("Vienna", "AT", "de"), ("Kraków", "PL", "pl"), ("Lisbon", "PT", "pt"), ("Prague", "CZ", "cs"),
    ];

    public static readonly string[] Domains = ["example.com", "example.net", "example.org", "mail.example.net", "post.example.org"];

    public static readonly string[] Interests = ["hiking", "cycling", "camping", "climbing", "trail running", "kayaking", "skiing", "travel", "photography"];

    public static readonly (string Name, string Category, decimal Price)[] Products =
    [
        ("Trailhead 38 backpack", "backpacks", 129.95m), ("Ridgeline rain jacket", "jackets", 189.00m), ("Summit 2 tent", "tents", 349.00m),
        ("Merino base layer", "clothing", 69.95m), ("Glacier sleeping bag", "sleeping bags", 219.00m), ("Canyon hiking boots", "footwear", 159.95m),
        ("Aurora head torch", "accessories", 39.95m), ("Fjord water bottle", "accessories", 19.95m), ("Alpine trekking poles", "accessories", 89.00m),
        ("Coastal kayak paddle", "water sports", 119.00m),
    ];

    public static readonly (string Title, string Location)[] Events =
    [
        ("Open house: new autumn collection", "Example Outdoor Utrecht"), ("Workshop: lightweight packing", "Example Outdoor Amsterdam"),
        ("Guided hike: Veluwe sunrise", "Hoge Veluwe visitor centre"), ("Talk: crossing Iceland on foot", "Example Outdoor Antwerp"),
        ("Repair café for outdoor gear", "Example Outdoor Berlin"),
    ];

    public static readonly string[] NewsletterTopics =
    [
        "five autumn walks", "how to choose a sleeping bag", "new rain jackets", "packing for a hut-to-hut tour", "trail running for beginners",
        "caring for your boots", "winter camping checklist", "our best-reviewed backpacks", "cycling routes along the coast", "kayaking safely",
    ];

    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
        "Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0",
        "Microsoft Outlook 16.0.18129; Microsoft Outlook 16.0.18129",
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
        "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0",
        "Mozilla/5.0 (iPad; CPU OS 17_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
    ];

    public static readonly string[] SurveyImprovements =
    [
        "Faster delivery would be welcome.", "More sizes for women's jackets, please.", "Nothing, keep it up!",
        "The website search could be better.", "Send fewer mails in the summer.", "More repair services in the shops.",
        "Clearer information about materials.", "Offer a second-hand section.",
    ];

    public static readonly string[] OrderStatuses = ["delivered", "delivered", "delivered", "shipped", "returned"];

    public static readonly string[] MembershipLevels = ["Basic", "Silver", "Gold"];

    /// <summary>An address in the documentation ranges, IPv6 now and then.</summary>
    public static string IpAddress(Random random) => random.Next(8) switch
    {
        0 => $"2001:db8:{random.Next(0x10000):x}:{random.Next(0x10000):x}::{random.Next(1, 0x10000):x}",
        1 or 2 or 3 => $"192.0.2.{random.Next(1, 255)}",
        4 or 5 => $"198.51.100.{random.Next(1, 255)}",
        _ => $"203.0.113.{random.Next(1, 255)}",
    };
}
