namespace DataRequestPortal.Core.Requests;

/// <summary>How far a collection has come: sources finished out of all, and the records and bytes written so far.</summary>
public sealed record CollectionProgress(int SourcesDone, int SourcesTotal, long Records, long Bytes)
{
    public static CollectionProgress None { get; } = new(0, 0, 0, 0);

    public static CollectionProgress Start(int sources) => new(0, sources, 0, 0);

    /// <summary>Share of sources finished, 0–100; 0 before any source is known.</summary>
    public int Percent => SourcesTotal == 0 ? 0 : (int)(100L * SourcesDone / SourcesTotal);
}

/// <summary>The size and SHA-256 (lower-case hex) of a result document's exact bytes.</summary>
public sealed record ResultFingerprint(long Bytes, string Sha256);
