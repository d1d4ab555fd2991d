namespace DataRequestPortal.Core.SelfService;

/// <summary>The <c>SelfService</c> configuration section: how data subjects prove their address.</summary>
public sealed class SelfServiceOptions
{
    public const string Section = "SelfService";

    /// <summary>How long a code and its sign-in link work.</summary>
    public int CodeMinutes { get; set; } = 15;

    /// <summary>Wrong codes after which a code stops working, even the right one.</summary>
    public int MaxWrongAttempts { get; set; } = 5;

    /// <summary>Codes one address can be sent in an hour, so nobody can flood someone's mailbox through the portal.</summary>
    public int CodesPerAddressPerHour { get; set; } = 5;

    /// <summary>Codes one client (IP address) can ask for in an hour, whatever the addresses.</summary>
    public int CodesPerClientPerHour { get; set; } = 20;

    /// <summary>How long a subject stays signed in without using the portal.</summary>
    public int SessionMinutes { get; set; } = 60;

    /// <summary>The languages subjects may choose (<c>en</c>, <c>nl</c>, <c>de</c>, <c>fr</c>); empty for all of them.</summary>
    public List<string> Languages { get; set; } = [];

    public TimeSpan CodeLifetime => TimeSpan.FromMinutes(CodeMinutes);

    public TimeSpan Session => TimeSpan.FromMinutes(SessionMinutes);
}
