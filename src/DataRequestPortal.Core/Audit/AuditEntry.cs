using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Audit;

/// <summary>What an audit entry records. Stored by name, so members can be added anywhere.</summary>
public enum AuditAction
{
    SignedIn,
    SignInFailed,
    LockedOut,
    SignedOut,
    RequestFiled,
    StateChanged,
    DueDateExtended,
    CollectionResumed,
    ResultDownloaded,
    TokenCreated,
    TokenRevoked,
    AccountCreated,
    AccountRoleChanged,
    AccountDisabled,
    AccountEnabled,
    PasswordReset,
    SourceTested,
    DigestSent,
}

/// <summary>
/// One line of the audit log: who did what, to which request or object, when. Entries are only ever added;
/// <see cref="Data.PortalDbContext"/> refuses to save a change to or removal of one.
/// </summary>
public sealed class AuditEntry
{
    public const int MaxTargetLength = 256;
    public const int MaxDetailLength = 2200;

    private AuditEntry()
    {
    }

    public AuditEntry(DateTimeOffset at, Actor actor, AuditAction action, long? requestId = null, string? target = null, string? detail = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        At = at;
        ActorKind = actor.Kind;
        ActorName = Cut(actor.Name, 256)!;
        Action = action;
        DataRequestId = requestId;
        Target = Cut(target, MaxTargetLength);
        Detail = Cut(detail, MaxDetailLength);
    }

    public long Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ActorKind ActorKind { get; private set; }

    public string ActorName { get; private set; } = "";

    public AuditAction Action { get; private set; }

    /// <summary>The request the action concerned, when it concerned one.</summary>
    public long? DataRequestId { get; private set; }

    /// <summary>The account, token or source acted on, or the address used in a sign-in.</summary>
    public string? Target { get; private set; }

    /// <summary>What changed and why, in words (for example "Queued → Cancelled: duplicate" or "format json").</summary>
    public string? Detail { get; private set; }

    private static string? Cut(string? text, int max)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        return trimmed.Length <= max ? trimmed : trimmed[..(max - 1)] + "…";
    }
}
