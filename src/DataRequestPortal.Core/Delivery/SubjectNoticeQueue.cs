using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Delivery;

/// <summary>A staff filing's or action's notice to a subject whose self-service page shows the request, as a delivery in the durable queue.</summary>
public sealed class SubjectNoticeQueue(ComplianceClock clock) : ISubjectNotices
{
    public void Queue(PortalDbContext db, DataRequest request, SubjectNotice notice, int number = 0)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(request);
        if (ReportDelivery.CanNotify(request))
        {
            var kind = notice switch
            {
                SubjectNotice.Extension => DeliveryKind.ExtensionNotice,
                SubjectNotice.Question => DeliveryKind.QuestionNotice,
                SubjectNotice.Filed => DeliveryKind.Receipt,
                _ => throw new ArgumentOutOfRangeException(nameof(notice), notice, "Not a notice."),
            };
            db.ReportDeliveries.Add(ReportDelivery.Notice(request, kind, clock.Now, number));
        }
    }
}
