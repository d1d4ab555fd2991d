using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Downloads;

/// <summary>The result as a download: its media type and the file name it is saved under.</summary>
public enum ResultFormat
{
    Json,
    Pdf,
}

/// <summary>The answer to a download: one of the four cases below, which each route words in its own dialect.</summary>
public abstract record ResultDownload
{
    private ResultDownload()
    {
    }

    /// <summary>No request this downloader may see (someone else's answers alike), or a forged link.</summary>
    public sealed record NotFound : ResultDownload;

    /// <summary>The result was there and is no longer: expired, deleted, or a link past its time.</summary>
    public sealed record Gone : ResultDownload;

    /// <summary>The downloader's request has no result yet, or never will (cancelled, denied, failed).</summary>
    public sealed record NotReady(DataRequest Request) : ResultDownload;

    /// <summary>The result, opened; the caller sends and disposes <paramref name="Content"/>. The download is already audit-logged.</summary>
    public sealed record Ready(DataRequest Request, Stream Content, string ContentType, string FileName) : ResultDownload;
}
