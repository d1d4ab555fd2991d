namespace DataRequestPortal.Core.Requests;

public enum ActorKind
{
    System,
    Staff,
    Subject,
    ApiClient,

    /// <summary>Whoever opened the download link in a report email; named by the address it was sent to.</summary>
    EmailedLink,
}

/// <summary>Who did something to a request: recorded with every timeline entry.</summary>
public sealed record Actor(ActorKind Kind, string Name)
{
    public static Actor System { get; } = new(ActorKind.System, "DataRequestPortal");

    public static Actor Staff(string name) => new(ActorKind.Staff, Required(name));

    public static Actor DataSubject(string name) => new(ActorKind.Subject, Required(name));

    public static Actor ApiClient(string tokenName) => new(ActorKind.ApiClient, Required(tokenName));

    /// <summary>The holder of a report email's download link: the link carries no name, so the address it was mailed to stands for them.</summary>
    public static Actor EmailedLink(string? recipient) =>
        new(ActorKind.EmailedLink, string.IsNullOrWhiteSpace(recipient) ? "report recipient" : recipient);

    public override string ToString() => Kind == ActorKind.System ? Name : $"{Name} ({Kind})";

    private static string Required(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An actor needs a name.", nameof(name)) : name.Trim();
}
