using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// A place the organisation keeps personal data. For a subject it serves, a source writes every record it
/// holds into <see cref="SourceOutput"/>, one category at a time; an unknown subject is simply no records.
/// A source throws on a fault (the collector retries it) and stops promptly when cancelled.
/// </summary>
public interface IDataSource
{
    SourceDescription Description { get; }

    Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken);
}
