using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Identity;

/// <summary>A staff member who gets the daily digest: how the mail addresses them.</summary>
public sealed record DigestRecipient(string UserId, string Name, string Email);

/// <summary>
/// Who gets the daily digest: enabled officers and admins who asked for it. Auditors never do, and an account that
/// loses its role or is disabled stops getting it at once, also for a digest already waiting to be retried.
/// </summary>
public static class DigestRecipients
{
    public static IReadOnlyList<string> Roles { get; } = [PortalRoles.Admin, PortalRoles.Officer];

    /// <summary>Every recipient, or only <paramref name="userId"/> when given (empty when that account no longer is one).</summary>
    public static async Task<IReadOnlyList<DigestRecipient>> ListAsync(PortalDbContext db, string? userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var roles = Roles.ToArray();
        var users = db.Users.Where(u => u.WantsDailyDigest && u.Email != null);
        if (userId is not null)
        {
            users = users.Where(u => u.Id == userId);
        }

        var rows = await (
                from user in users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where roles.Contains(role.Name!)
                select user)
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        // Disabled is a lockout without end, which the database cannot compare across providers; a handful of rows.
        return [.. rows.Where(u => !u.IsDisabled).DistinctBy(u => u.Id).OrderBy(u => u.Id, StringComparer.Ordinal).Select(u => new DigestRecipient(u.Id, u.Name, u.Email!))];
    }
}
