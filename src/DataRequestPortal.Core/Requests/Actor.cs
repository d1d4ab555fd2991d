namespace DataRequestPortal.Core.Requests;

public enum ActorKind
{
    System,
    Staff,
    Subject,
    ApiClient,
}

/// <summary>Who did something to a request: recorded with every timeline entry.</summary>
public sealed record Actor(ActorKind Kind, string Name)
{
    public static Actor System { get; } = new(ActorKind.System, "DataRequestPortal");

    public static Actor Staff(string name) => new(ActorKind.Staff, Required(name));

    public static Actor DataSubject(string name) => new(ActorKind.Subject, Required(name));

    public static Actor ApiClient(string tokenName) => new(ActorKind.ApiClient, Required(tokenName));

    public override string ToString() => Kind == ActorKind.System ? Name : $"{Name} ({Kind})";

    private static string Required(string name) =>
        string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("An actor needs a name.", nameof(name)) : name.Trim();
}
