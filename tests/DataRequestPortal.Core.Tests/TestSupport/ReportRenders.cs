using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// Renders PDF reports as the portal does, counting them; once <see cref="Hold"/> is called each render waits for
/// <see cref="Release"/> before it writes, so a test can act while a render is under way, and after
/// <see cref="FailNext"/> the next render fails as a full disk would.
/// </summary>
public sealed class ReportRenders(PdfReportRenderer renderer, ComplianceClock clock)
{
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? held;
    private int count;
    private int failNext;

    public int Count => Volatile.Read(ref count);

    /// <summary>Completes when the first render begins.</summary>
    public Task Started => started.Task;

    public void Hold() => held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => held?.TrySetResult();

    public void FailNext() => Volatile.Write(ref failNext, 1);

    public async Task RenderAsync(ReportRequest request, Stream json, Stream pdf, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref count);
        started.TrySetResult();
        if (held is { } waiting)
        {
            await waiting.Task.WaitAsync(cancellationToken);
        }

        if (Interlocked.Exchange(ref failNext, 0) == 1)
        {
            throw new IOException("No space left on device.");
        }

        await renderer.RenderAsync(request, json, clock.Now, pdf, cancellationToken);
    }
}
