namespace DataRequestPortal.Core.Collection;

/// <summary>
/// Whether this process's collector has requests in hand, so background work that can wait (the PDF reports of
/// completed requests) leaves it the processor until the queue it can claim is empty.
/// </summary>
public sealed class CollectionActivity
{
    private readonly Lock gate = new();
    private TaskCompletionSource idle = Idle();

    public bool IsBusy
    {
        get
        {
            lock (gate)
            {
                return !idle.Task.IsCompleted;
            }
        }
    }

    /// <summary>Completes when the collector has nothing in hand (at once if it has nothing now).</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return idle.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>The collector took up a request.</summary>
    public void Started()
    {
        lock (gate)
        {
            if (idle.Task.IsCompleted)
            {
                idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    /// <summary>The collector runs nothing and found nothing more to claim.</summary>
    public void Drained()
    {
        lock (gate)
        {
            idle.TrySetResult();
        }
    }

    private static TaskCompletionSource Idle()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
