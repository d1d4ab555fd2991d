using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Downloads;

/// <summary>
/// Every hand-out of a result (JSON document or PDF report), whichever route it is asked through: decides whether
/// this downloader may have it, opens it, and writes the download to the audit log with who it was.
/// </summary>
public sealed class ResultDownloads(
    IDbContextFactory<PortalDbContext> dbFactory,
    SelfServiceRequests subjectRequests,
    ApiClientRequests clientRequests,
    DownloadLinks links,
    ResultStore store,
    PdfReports reports,
    AuditLog audit)
{
    public const string JsonContentType = "application/json";

    private static readonly ResultDownload NotFound = new ResultDownload.NotFound();

    private static readonly ResultDownload Gone = new ResultDownload.Gone();

    public static string FileName(long requestId, ResultFormat format) =>
        format == ResultFormat.Pdf ? PdfReports.FileName(requestId) : $"datarequest-{requestId}.json";

    /// <summary>The result of request <paramref name="requestId"/> for <paramref name="downloader"/>, or why not.</summary>
    public async Task<ResultDownload> OpenAsync(Downloader downloader, long requestId, ResultFormat format, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(downloader);
        var (request, refusal) = await FindAsync(downloader, requestId, cancellationToken);
        if (request is null)
        {
            return refusal;
        }

        if (request.State != RequestState.Completed)
        {
            return request.State == RequestState.Expired ? Gone : new ResultDownload.NotReady(request);
        }

        var content = format == ResultFormat.Pdf
            ? await reports.OpenAsync(request.Id, cancellationToken)
            : await store.OpenReadAsync(request.Id);
        if (content is null)
        {
            return Gone;
        }

        try
        {
            await audit.RecordDownloadAsync(ActorOf(downloader, request), request.Id, format.ToString().ToLowerInvariant(), cancellationToken);
        }
        catch
        {
            await content.DisposeAsync();
            throw;
        }

        return new ResultDownload.Ready(request, content, format == ResultFormat.Pdf ? PdfReports.ContentType : JsonContentType, FileName(request.Id, format));
    }

    /// <summary>The request when this downloader may have it; otherwise the refusal.</summary>
    private async Task<(DataRequest? Request, ResultDownload Refusal)> FindAsync(Downloader downloader, long requestId, CancellationToken cancellationToken)
    {
        switch (downloader)
        {
            case Downloader.StaffMember:
                return (await LoadAsync(requestId, cancellationToken), NotFound);
            case Downloader.DataSubject subject:
                return (await subjectRequests.FindAsync(subject.Email, requestId, cancellationToken), NotFound);
            case Downloader.Client client:
                return (await clientRequests.FindAsync(client.ApiClient, requestId, cancellationToken), NotFound);
            case Downloader.SignedLink link:
                // A forged link and an unknown id look alike, so a link reveals nothing about other requests.
                var check = link.Expires is { } expires ? links.Check(requestId, expires, link.Signature) : DownloadLinkCheck.Forged;
                return check switch
                {
                    DownloadLinkCheck.Forged => (null, NotFound),
                    DownloadLinkCheck.Expired => (null, Gone),

                    // A genuine link whose request is not there any more points at a result that is gone.
                    _ => (await LoadAsync(requestId, cancellationToken), Gone),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(downloader), downloader, "Not a kind of downloader.");
        }
    }

    private async Task<DataRequest?> LoadAsync(long requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.DataRequests.AsNoTracking().Include(r => r.ReportTargets).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
    }

    private static Actor ActorOf(Downloader downloader, DataRequest request) => downloader switch
    {
        Downloader.StaffMember staff => Actor.Staff(staff.Name),
        Downloader.DataSubject subject => Actor.DataSubject(Subject.Create(SubjectType.Email, subject.Email).Identifier),
        Downloader.Client client => client.ApiClient.Actor,
        // Every address the result was mailed to got the same link.
        _ => Actor.EmailedLink(string.Join(", ", request.ReportTargets.Where(t => !t.IsUrl).OrderBy(t => t.Number).Select(t => t.Target))),
    };
}
