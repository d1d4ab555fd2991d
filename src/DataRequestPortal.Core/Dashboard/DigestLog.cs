using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Dashboard;

/// <summary>One daily digest on its way to a staff member, with every attempt: the delivery log of the digests.</summary>
public sealed record DigestLogEntry(DateOnly Day, string RecipientName, int RequestCount, ReportDelivery Delivery);

/// <summary>The daily digests sent, or being sent, newest day first, as the staff accounts page shows them.</summary>
public sealed class DigestLog(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task<IReadOnlyList<DigestLogEntry>> RecentAsync(int take = 50, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await (
                from delivery in db.ReportDeliveries.Include(d => d.Attempts).Include(d => d.DigestMail)
                where delivery.Kind == DeliveryKind.StaffDigest
                join user in db.Users on delivery.DigestMail!.UserId equals user.Id
                orderby delivery.CreatedAt descending, delivery.Id descending
                select new { Delivery = delivery, User = user })
            .AsNoTracking()
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new DigestLogEntry(r.Delivery.DigestMail!.Day, r.User.Name, r.Delivery.DigestMail.RequestCount, r.Delivery))];
    }
}
