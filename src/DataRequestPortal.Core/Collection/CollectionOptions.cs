namespace DataRequestPortal.Core.Collection;

/// <summary>How the background collection runs (configuration section <c>Collection</c>).</summary>
public sealed class CollectionOptions
{
    public const string Section = "Collection";

    /// <summary>Whether this process collects at all; a process that only serves pages may leave it to others.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Requests this process collects at the same time.</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Seconds between looks for queued work when nothing signals it sooner.</summary>
    public double PollSeconds { get; set; } = 5;

    /// <summary>Seconds a claim on a request lasts unless renewed; after that another process may take it over.</summary>
    public double LeaseSeconds { get; set; } = 60;

    /// <summary>Attempts per source before the request fails.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Wait before the first retry of a source; each later retry waits twice as long.</summary>
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>Longest a source may take for one attempt before it counts as failed.</summary>
    public double SourceTimeoutMinutes { get; set; } = 30;

    /// <summary>How often a collecting request's progress is saved and published (and its claim renewed).</summary>
    public int ProgressMilliseconds { get; set; } = 1000;

    public void Validate()
    {
        if (MaxConcurrency < 1 || PollSeconds <= 0 || LeaseSeconds < 1 || MaxAttempts < 1 || RetryDelaySeconds < 0 || SourceTimeoutMinutes <= 0 || ProgressMilliseconds < 50)
        {
            throw new InvalidOperationException(
                "Collection settings are out of range: MaxConcurrency and MaxAttempts must be at least 1, PollSeconds above 0, LeaseSeconds at least 1, SourceTimeoutMinutes above 0, ProgressMilliseconds at least 50, RetryDelaySeconds not negative.");
        }
    }
}
