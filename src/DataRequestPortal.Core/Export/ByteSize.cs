using System.Globalization;

namespace DataRequestPortal.Core.Export;

public static class ByteSize
{
    /// <summary>
    /// A size as every page, list and PDF shows it: in the largest unit that keeps it above 1, to one decimal
    /// (bytes, KB, MB, GB; 1 KB = 1024 bytes), so the same data never reads as two different sizes.
    /// </summary>
    public static string Format(long bytes) => Format(bytes, CultureInfo.InvariantCulture, "bytes");

    /// <summary>The same size with numbers in <paramref name="culture"/> and <paramref name="bytesWord"/> for the smallest unit.</summary>
    public static string Format(long bytes, CultureInfo culture, string bytesWord)
    {
        string[] units = [bytesWord, "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(culture, $"{bytes:N0} {units[0]}")
            : string.Create(culture, $"{value:0.#} {units[unit]}");
    }
}
