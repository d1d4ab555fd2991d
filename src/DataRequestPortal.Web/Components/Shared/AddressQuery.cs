using System.Globalization;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>How list pages write their filters into their address and read them back: only what is set, dates as yyyy-MM-dd.</summary>
public static class AddressQuery
{
    /// <summary>"?a=1&amp;b=x" for the members with a value, or "" when none has one.</summary>
    public static string Build(params (string Name, string? Value)[] members)
    {
        var parts = members.Where(m => !string.IsNullOrEmpty(m.Value)).Select(m => $"{m.Name}={Uri.EscapeDataString(m.Value!)}").ToList();
        return parts.Count == 0 ? "" : "?" + string.Join('&', parts);
    }

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
