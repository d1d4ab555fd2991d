using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Identity;

/// <summary>A staff account as administrators see it. Wrong passwords lock no account (see <see cref="StaffSignInThrottle"/>); disabling does.</summary>
public sealed record StaffMember(
    string Id,
    string Name,
    string Email,
    string Role,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset CreatedAt,
    bool IsDisabled = false);

/// <summary>Lists staff accounts with their role and whether they can sign in right now.</summary>
public sealed class StaffDirectory(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<StaffMember>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var staffRoles = PortalRoles.Staff.ToArray();
        var rows = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId
                join role in db.Roles on userRole.RoleId equals role.Id
                where staffRoles.Contains(role.Name!)
                select new { user, Role = role.Name! })
            .AsNoTracking()
            .ToListAsync(cancellationToken);

        return rows
            .Select(row => new StaffMember(
                row.user.Id,
                row.user.Name,
                row.user.Email ?? "",
                row.Role,
                row.user.LastSignInAt,
                row.user.CreatedAt,
                row.user.IsDisabled))
            .OrderBy(member => member.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
