namespace DataRequestPortal.Core.Collection;

/// <summary>Where results are kept and for how long (configuration section <c>Results</c>).</summary>
public sealed class ResultOptions
{
    public const string Section = "Results";

    /// <summary>The folder for result documents; relative paths are under the content root. Never a web root.</summary>
    public string Path { get; set; } = "App_Data/results";

    /// <summary>Days a completed result is kept before it is deleted and the request becomes Expired.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Days a self-service request may wait for its address to be verified before it is closed.</summary>
    public int UnverifiedDays { get; set; } = 7;

    /// <summary>Minutes between clean-up runs.</summary>
    public double SweepMinutes { get; set; } = 5;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);
}
