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

    /// <summary>A size in the largest unit that keeps it above 1 (bytes, KB, MB, GB; 1 KB = 1024 bytes).</summary>
    public static string Bytes(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:N0} {units[0]}")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.#} {units[unit]}");
    }
}
