using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// A manual task's email to its assignee, in the durable queue: to the address, or to every enabled staff member of the
/// role. It carries a link to the request, never the subject's data.
/// </summary>
public sealed class ManualTaskNoticeQueue(ComplianceClock clock) : IManualTaskNotices
{
    public async Task QueueAsync(PortalDbContext db, DataRequest request, ManualTask task, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(task);
        IReadOnlyList<string> addresses = task.Assignee.Contains('@', StringComparison.Ordinal)
            ? [task.Assignee]
            : await (from user in db.Users
                     join userRole in db.UserRoles on user.Id equals userRole.UserId
                     join role in db.Roles on userRole.RoleId equals role.Id
                     where role.Name == task.Assignee && user.Email != null
                     select user).ToListAsync(cancellationToken) is var members
                ? [.. members.Where(u => !u.IsDisabled).Select(u => u.Email!)]
                : [];
        foreach (var address in addresses)
        {
            db.ReportDeliveries.Add(ReportDelivery.TaskNotice(request.Id, address, task.Number, clock.Now));
        }
    }
}
