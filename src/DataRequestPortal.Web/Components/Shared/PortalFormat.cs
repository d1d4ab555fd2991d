using System.Globalization;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>Dates and times as the dashboard shows them: in the organisation's time zone, unambiguous in every locale.</summary>
public static class PortalFormat
{
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset instant, ComplianceClock clock) =>
        TimeZoneInfo.ConvertTime(instant, clock.Zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture);

    public static string DateTime(DateTimeOffset? instant, ComplianceClock clock, string none = "—") =>
        instant is { } value ? DateTime(value, clock) : none;

    /// <summary>A size the way the PDF and every other page show it.</summary>
    public static string Bytes(long bytes) => Core.Export.ByteSize.Format(bytes);

    /// <summary>How a due date stands today, in words: "3 days overdue", "due today", "in 5 days".</summary>
    public static string DueIn(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            < -1 => $"{-days} days overdue",
            -1 => "1 day overdue",
            0 => "due today",
            1 => "due tomorrow",
            _ => $"in {days} days",
        };
    }

    /// <summary>The clock stands still: the days left when it stopped, which stay so until the answer.</summary>
    public static string Paused(int daysLeft) => daysLeft switch
    {
        < 0 => "clock paused",
        1 => "clock paused · 1 day left",
        _ => $"clock paused · {daysLeft} days left",
    };

    /// <summary>A completion after the due date, in words; null when on time. Shown wherever the request is.</summary>
    public static string? Late(int daysLate) => daysLate switch
    {
        <= 0 => null,
        1 => "completed 1 day late",
        _ => $"completed {daysLate} days late",
    };

    public static string Regime(Regime regime) => regime switch
    {
        Core.Requests.Regime.UkGdpr => "UK GDPR",
        Core.Requests.Regime.Ccpa => "CCPA",
        _ => "GDPR (EU)",
    };

    public static string Channel(RequestChannel channel) => channel switch
    {
        RequestChannel.SelfService => "Self-service",
        RequestChannel.Api => "API",
        _ => "Staff",
    };

    public static string Progress(CollectionProgress progress) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{progress.SourcesDone} of {progress.SourcesTotal} {(progress.SourcesTotal == 1 ? "source" : "sources")} · {progress.Records:N0} {(progress.Records == 1 ? "record" : "records")} · {Bytes(progress.Bytes)}");
}
