namespace DataRequestPortal.Core.Collection;

/// <summary>Settings under <c>Manual</c>: when an open manual task starts to show on the overview's attention cards.</summary>
public sealed class ManualTaskOptions
{
    public const string Section = "Manual";

    /// <summary>An open task shows from this many days before its request's due date (and after it).</summary>
    public int WarnDays { get; set; } = 5;
}
