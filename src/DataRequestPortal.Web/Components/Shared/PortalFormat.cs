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
}
