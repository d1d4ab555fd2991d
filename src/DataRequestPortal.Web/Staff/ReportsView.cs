using System.Globalization;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;

namespace DataRequestPortal.Web.Staff;

/// <summary>The report's period and filters as they appear in its address and in the CSV export's address.</summary>
public static class ReportsView
{
    public const int FirstYear = 2000;

    /// <summary>
    /// Reads <c>year</c>, <c>quarter</c> (1–4) or <c>month</c> (1–12), <c>regime</c> and <c>channel</c>; without a year,
    /// the current one. False, with what was wrong, when a value cannot be read.
    /// </summary>
    public static bool TryParse(string? year, string? quarter, string? month, string? regime, string? channel, DateOnly today, out ReportFilter filter, out string? error)
    {
        filter = new ReportFilter(ReportPeriod.Year(today.Year));
        error = null;
        var y = today.Year;
        if (!string.IsNullOrWhiteSpace(year) && !(int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out y) && y >= FirstYear && y <= today.Year + 1))
        {
            error = $"The year must be a number from {FirstYear} to {today.Year + 1}.";
            return false;
        }

        int? q = null, m = null;
        if (!string.IsNullOrWhiteSpace(quarter))
        {
            if (!(int.TryParse(quarter.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 4))
            {
                error = "The quarter must be 1, 2, 3 or 4.";
                return false;
            }

            q = value;
        }

        if (!string.IsNullOrWhiteSpace(month))
        {
            if (!(int.TryParse(month.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 12))
            {
                error = "The month must be a number from 1 to 12.";
                return false;
            }

            m = value;
        }

        if (q is not null && m is not null)
        {
            error = "Give a quarter or a month, not both.";
            return false;
        }

        Regime? parsedRegime = null;
        if (!string.IsNullOrWhiteSpace(regime))
        {
            if (!Regimes.TryParse(regime, out parsedRegime))
            {
                error = "The regime must be GDPR, UK-GDPR or CCPA.";
                return false;
            }
        }

        RequestChannel? parsedChannel = null;
        if (!string.IsNullOrWhiteSpace(channel))
        {
            if (!(Enum.TryParse<RequestChannel>(channel.Trim(), true, out var c) && Enum.IsDefined(c) && !channel.Trim().All(char.IsAsciiDigit)))
            {
                error = "The channel must be Staff, SelfService or Api.";
                return false;
            }

            parsedChannel = c;
        }

        var period = q is { } qq ? ReportPeriod.Quarter(y, qq) : m is { } mm ? ReportPeriod.Month(y, mm) : ReportPeriod.Year(y);
        filter = new ReportFilter(period, parsedRegime, parsedChannel);
        return true;
    }

    public static string Query(ReportFilter filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var period = filter.Period;
        var span = period.Last.Month - period.First.Month;
        return AddressQuery.Build(
            ("year", period.First.Year.ToString(CultureInfo.InvariantCulture)),
            ("quarter", span == 2 ? (((period.First.Month - 1) / 3) + 1).ToString(CultureInfo.InvariantCulture) : null),
            ("month", span == 0 ? period.First.Month.ToString(CultureInfo.InvariantCulture) : null),
            ("regime", filter.Regime?.ToWireName()),
            ("channel", filter.Channel?.ToString()));
    }
}
