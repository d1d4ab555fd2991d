using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// The PDF report of a completed request, for every download that offers one: made from the result the first time
/// it is asked for, then kept beside the result (<see cref="ResultStore"/>) and deleted with it.
/// </summary>
public sealed class PdfReports(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    SourceCatalog catalog,
    ComplianceClock clock,
    IOptions<OrganisationOptions> organisation,
    string contentRoot)
{
    public const string ContentType = "application/pdf";

    private readonly Lazy<byte[]> logo = new(() => LoadLogo(organisation.Value, contentRoot));

    public static string FileName(long requestId) => $"datarequest-{requestId}.pdf";

    /// <summary>Opens the report of a completed request's result; null when the request has no result (not completed, expired or purged).</summary>
    public async Task<Stream?> OpenAsync(long requestId, CancellationToken cancellationToken)
    {
        if (store.OpenReport(requestId) is { } cached)
        {
            return cached;
        }

        DataRequest? request;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            request = await db.DataRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        }

        if (request?.State != RequestState.Completed)
        {
            return null;
        }

        await using (var json = store.OpenRead(requestId))
        {
            if (json is null)
            {
                return null;
            }

            var file = store.NewReportFile(requestId);
            try
            {
                await using (var pdf = PrivateFiles.Create(file, FileMode.CreateNew, useAsync: false))
                {
                    await Renderer().RenderAsync(ReportRequest.Of(request, clock), json, clock.Now, pdf, cancellationToken);
                }

                store.PublishReport(requestId, file);
            }
            finally
            {
                File.Delete(file);
            }
        }

        // The result may have expired while the report was being made; then the report goes with it.
        if (!store.Exists(requestId))
        {
            store.Delete(requestId);
            return null;
        }

        return store.OpenReport(requestId);
    }

    /// <summary>Writes the report of a completed request's result to <paramref name="output"/>; false when there is no result.</summary>
    public async Task<bool> RenderAsync(long requestId, Stream output, CancellationToken cancellationToken)
    {
        await using var report = await OpenAsync(requestId, cancellationToken);
        if (report is null)
        {
            return false;
        }

        await report.CopyToAsync(output, cancellationToken);
        return true;
    }

    public PdfReportRenderer Renderer() =>
        new(organisation.Value, [.. catalog.All.Select(s => s.Description)], clock.Zone, logo.Value);

    private static byte[] LoadLogo(OrganisationOptions options, string contentRoot) =>
        string.IsNullOrWhiteSpace(options.LogoPath)
            ? PdfReportRenderer.DefaultLogo()
            : File.ReadAllBytes(Path.GetFullPath(options.LogoPath, contentRoot));
}
