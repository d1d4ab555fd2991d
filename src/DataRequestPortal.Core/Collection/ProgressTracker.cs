using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Collection;

/// <summary>
/// The running totals of one collection: finished sources plus whatever the current source has written so far.
/// Written by the collecting task, read by its heartbeat, hence the lock.
/// </summary>
internal sealed class ProgressTracker(int sources)
{
    private readonly Lock gate = new();
    private int done;
    private long records;
    private long bytes;
    private long currentRecords;
    private long currentBytes;
    private int currentPosition = -1;
    private int currentAttempt;

    /// <summary>The source being collected and what it has written so far; null between sources.</summary>
    public SourceRunProgress? Running
    {
        get
        {
            lock (gate)
            {
                return currentPosition < 0 ? null : new SourceRunProgress(currentPosition, currentAttempt, currentRecords, currentBytes);
            }
        }
    }

    public CollectionProgress Snapshot()
    {
        lock (gate)
        {
            return new CollectionProgress(done, sources, records + currentRecords, bytes + currentBytes);
        }
    }

    public void BeginSource(int position, int attempt)
    {
        lock (gate)
        {
            currentPosition = position;
            currentAttempt = attempt;
            currentRecords = currentBytes = 0;
        }
    }

    /// <summary>Called by the source's output as it writes; only memory changes here, the heartbeat saves and publishes it.</summary>
    public void SourceProgress(long sourceRecords, long sourceBytes)
    {
        lock (gate)
        {
            currentRecords = sourceRecords;
            currentBytes = sourceBytes;
        }
    }

    public void EndSource(long sourceRecords, long sourceBytes)
    {
        lock (gate)
        {
            done++;
            records += sourceRecords;
            bytes += sourceBytes;
            currentRecords = currentBytes = 0;
            currentPosition = -1;
        }
    }

    /// <summary>A failed attempt's records do not count; the retry starts the source over.</summary>
    public void AbandonSource() => SourceProgress(0, 0);
}
