namespace DataRequestPortal.Core.Sources;

/// <summary>
/// A source could not deliver. The message is written for the privacy officer who reads it on the request: it
/// names the source and what went wrong, and never carries secrets such as tokens, passwords or connection strings.
/// </summary>
public sealed class DataSourceException : Exception
{
    public DataSourceException(string message)
        : base(message)
    {
    }

    public DataSourceException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
