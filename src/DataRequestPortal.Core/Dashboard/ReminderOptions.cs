namespace DataRequestPortal.Core.Dashboard;

/// <summary>The <c>Reminders</c> configuration section: the staff's daily digest.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Open requests due within this many days are listed as due soon.</summary>
    public int DueSoonDays { get; set; } = 7;

    /// <summary>The hour of the organisation's day (0–23, <c>Organisation:TimeZone</c>) from which the day's digest goes out.</summary>
    public int DigestHour { get; set; } = 8;
}
