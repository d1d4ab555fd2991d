namespace DataRequestPortal.Core.Data;

/// <summary>
/// One sync to the disk shared by everyone who asked for it meanwhile (a group commit). A caller that asks after
/// making its commit is answered by a sync that began after it asked, never by one already under way; those who ask
/// while a sync runs are all answered by the one that follows it. Writers so wait for the disk together, one sync per
/// round, instead of each in turn while holding the write lock.
/// </summary>
internal sealed class GroupSync(Action sync)
{
    private readonly Lock gate = new();
    private TaskCompletionSource? next;
    private bool running;

    /// <summary>Completes when a sync that began after this call has finished; faults if that sync failed.</summary>
    public Task SyncAsync()
    {
        lock (gate)
        {
            next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var answer = next.Task;
            if (!running)
            {
                running = true;
                ThreadPool.UnsafeQueueUserWorkItem(static group => group.Run(), this, preferLocal: false);
            }

            return answer;
        }
    }

    private void Run()
    {
        while (true)
        {
            TaskCompletionSource round;
            lock (gate)
            {
                if (next is null)
                {
                    running = false;
                    return;
                }

                round = next;
                next = null;
            }

            try
            {
                sync();
                round.SetResult();
            }
            catch (Exception ex)
            {
                round.SetException(ex);
            }
        }
    }
}
