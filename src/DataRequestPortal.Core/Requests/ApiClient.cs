namespace DataRequestPortal.Core.Requests;

/// <summary>The system behind an access token, as its requests see it: it owns the requests it filed.</summary>
public sealed record ApiClient(int TokenId, string Name)
{
    public Actor Actor => Actor.ApiClient(Name);
}
