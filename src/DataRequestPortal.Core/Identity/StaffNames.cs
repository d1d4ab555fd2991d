using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Identity;

/// <summary>
/// The names staff members go by today, for the addresses timelines and the audit log recorded as their actor.
/// An address without a staff account behind it (removed, or never staff) keeps showing as the address.
/// </summary>
public sealed class StaffNames(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>One query for every staff address among <paramref name="actors"/>; other kinds of actor are never looked up.</summary>
    public async Task<StaffNameBook> ForAsync(IEnumerable<Actor> actors, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LookUpAsync(db, actors, cancellationToken);
    }

    /// <summary>The sign-in addresses of staff whose name on their account contains <paramref name="text"/>, for searches by name.</summary>
    public async Task<IReadOnlyList<string>> AddressesOfNamedAsync(string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var part = text.Trim();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staffRoles = PortalRoles.Staff.ToArray();
        var candidates = await (
                from user in db.Users
                where user.UserName != null && user.DisplayName != null && user.DisplayName != ""
                where db.UserRoles.Any(userRole => userRole.UserId == user.Id
                    && db.Roles.Any(role => role.Id == userRole.RoleId && staffRoles.Contains(role.Name!)))
                select new { Address = user.UserName!, Name = user.DisplayName! })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // Compared here rather than in SQL: both providers then ignore case the same way, whatever their collation.
        return candidates
            .Where(row => row.Name.Contains(part, StringComparison.CurrentCultureIgnoreCase))
            .Select(row => row.Address)
            .ToList();
    }

    /// <summary>The same lookup on a context a caller already has open.</summary>
    internal static async Task<StaffNameBook> LookUpAsync(PortalDbContext db, IEnumerable<Actor> actors, CancellationToken cancellationToken)
    {
        var keys = actors
            .Where(actor => actor.Kind == ActorKind.Staff)
            .Select(actor => EmailAddresses.LookupKey(actor.Name))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (keys.Length == 0)
        {
            return StaffNameBook.Empty;
        }

        var staffRoles = PortalRoles.Staff.ToArray();
        var named = await (
                from user in db.Users
                where user.NormalizedUserName != null && keys.Contains(user.NormalizedUserName) && user.DisplayName != null && user.DisplayName != ""
                where db.UserRoles.Any(userRole => userRole.UserId == user.Id
                    && db.Roles.Any(role => role.Id == userRole.RoleId && staffRoles.Contains(role.Name!)))
                select new { Key = user.NormalizedUserName!, Name = user.DisplayName! })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return new StaffNameBook(named
            .Where(row => !string.IsNullOrWhiteSpace(row.Name))
            .ToDictionary(row => row.Key, row => row.Name.Trim(), StringComparer.Ordinal));
    }
}

/// <summary>Staff display names by address, as <see cref="StaffNames"/> found them for one page.</summary>
public sealed class StaffNameBook
{
    private readonly IReadOnlyDictionary<string, string> namesByKey;

    internal StaffNameBook(IReadOnlyDictionary<string, string> namesByKey) => this.namesByKey = namesByKey;

    public static StaffNameBook Empty { get; } = new(new Dictionary<string, string>());

    /// <summary>What to call the actor: a staff member's current display name, anyone else (and unknown staff) as recorded.</summary>
    public string NameOf(ActorKind kind, string recorded) =>
        kind == ActorKind.Staff && EmailAddresses.LookupKey(recorded) is { } key && namesByKey.TryGetValue(key, out var name) ? name : recorded;

    public string NameOf(Actor actor) => NameOf(actor.Kind, actor.Name);
}
