using System.Collections.Concurrent;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// The PDF report of a completed request, for every download that offers one. It is made once: in the background
/// when the request completes (<see cref="ReportPreparation"/>), or else by the first download, and kept beside the
/// result (<see cref="ResultStore"/>) until it is deleted with it. In this process a report is made by one render
/// at a time, which every download asking meanwhile waits for; across processes the file appears whole or not at
/// all, and a render finds a report another process finished and uses it.
/// </summary>
public sealed class PdfReports(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    SourceCatalog catalog,
    ComplianceClock clock,
    IOptions<OrganisationOptions> organisation,
    string contentRoot) : IDisposable
{
    public const string ContentType = "application/pdf";

    private readonly Lazy<byte[]> logo = new(() => LoadLogo(organisation.Value, contentRoot));

    // The render under way per request: a second asker waits for it instead of starting another.
    private readonly ConcurrentDictionary<long, Lazy<Task<bool>>> rendering = new();

    // Renders outlive the download that started them (others may be waiting); they stop with the portal.
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Writes one report; replaceable so tests can count renders and hold one while they act.</summary>
    internal Func<ReportRequest, Stream, Stream, CancellationToken, Task>? Render { get; init; }

    public static string FileName(long requestId) => $"datarequest-{requestId}.pdf";

    /// <summary>
    /// Opens the report of a completed request's result, made now if it was not made yet; null when the request has
    /// no result (not completed, expired or purged).
    /// </summary>
    public async Task<Stream?> OpenAsync(long requestId, CancellationToken cancellationToken)
    {
        if (await store.OpenReportAsync(requestId) is { } kept)
        {
            return kept;
        }

        return await PrepareAsync(requestId, cancellationToken) ? await store.OpenReportAsync(requestId) : null;
    }

    /// <summary>
    /// Makes the report of a completed request unless it is there already, or waits for the render under way; true
    /// when the report is there afterwards, false when the request has no result.
    /// </summary>
    public Task<bool> PrepareAsync(long requestId, CancellationToken cancellationToken)
    {
        var render = rendering.GetOrAdd(requestId, id => new Lazy<Task<bool>>(() => RenderOnceAsync(id)));
        return render.Value.WaitAsync(cancellationToken);
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

    public void Dispose() => stopping.Cancel();

    private async Task<bool> RenderOnceAsync(long requestId)
    {
        try
        {
            // Off the asker's stack, so every asker finds this render in the table before it starts.
            await Task.Yield();
            var cancellationToken = stopping.Token;

            // Another process may have finished it since this one looked.
            if (await store.ReportExistsAsync(requestId))
            {
                return await store.ExistsAsync(requestId);
            }

            DataRequest? request;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                request = await db.DataRequests.AsNoTracking().SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
            }

            if (request?.State != RequestState.Completed)
            {
                return false;
            }

            await using (var json = await store.OpenReadAsync(requestId))
            {
                if (json is null)
                {
                    return false;
                }

                var file = store.NewReportFile(requestId);
                try
                {
                    await using (var pdf = PrivateFiles.Create(file, FileMode.CreateNew, useAsync: false))
                    {
                        await (Render ?? RenderWithRendererAsync)(ReportRequest.Of(request, clock), json, pdf, cancellationToken);
                    }

                    await store.PublishReportAsync(requestId, file);
                }
                finally
                {
                    File.Delete(file);
                }
            }

            // The result may have expired or been deleted while the report was being made; then the report goes with it.
            if (!await store.ExistsAsync(requestId))
            {
                await store.DeleteAsync(requestId);
                return false;
            }

            return true;
        }
        finally
        {
            rendering.TryRemove(requestId, out _);
        }
    }

    private Task RenderWithRendererAsync(ReportRequest request, Stream json, Stream pdf, CancellationToken cancellationToken) =>
        Renderer().RenderAsync(request, json, clock.Now, pdf, cancellationToken);

    private static byte[] LoadLogo(OrganisationOptions options, string contentRoot) =>
        string.IsNullOrWhiteSpace(options.LogoPath)
            ? PdfReportRenderer.DefaultLogo()
            : File.ReadAllBytes(Path.GetFullPath(options.LogoPath, contentRoot));
}
