namespace DataRequestPortal.Core.Identity;

/// <summary>
/// One signed-in browser, kept on the server: its cookie carries only a random key, whose SHA-256 is <see cref="Id"/>.
/// Signing out deletes the row, and a session is only good while its account's security stamp is the one it was
/// issued with, so a copied cookie stops working after sign-out, a password or role change, or a disabled account.
/// </summary>
public sealed class SignInSession
{
    public const int IdLength = 64;

    private SignInSession()
    {
    }

    public SignInSession(string id, string userId, string securityStamp, byte[] ticket, DateTimeOffset createdAt, DateTimeOffset? expiresAt)
    {
        Id = id;
        UserId = userId;
        SecurityStamp = securityStamp;
        Ticket = ticket;
        CreatedAt = createdAt;
        ExpiresAt = expiresAt;
    }

    /// <summary>The hex SHA-256 of the key in the cookie; a copy of the database gives no working key.</summary>
    public string Id { get; private set; } = "";

    public string UserId { get; private set; } = "";

    /// <summary>The account's security stamp when the session was issued.</summary>
    public string SecurityStamp { get; private set; } = "";

    /// <summary>The serialized sign-in, encrypted with the portal's data-protection keys.</summary>
    public byte[] Ticket { get; private set; } = [];

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    internal void Renew(byte[] ticket, DateTimeOffset? expiresAt)
    {
        Ticket = ticket;
        ExpiresAt = expiresAt;
    }
}
