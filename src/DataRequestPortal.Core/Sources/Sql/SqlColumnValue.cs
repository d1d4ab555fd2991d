using System.Globalization;
using System.Text.Json;

namespace DataRequestPortal.Core.Sources.Sql;

/// <summary>
/// A column's value as a record member: numbers as numbers, text as strings (JSON text included, so nothing
/// changes meaning), NULL as null, dates and times in ISO 8601, bytes in base64.
/// </summary>
internal static class SqlColumnValue
{
    public static void Write(Utf8JsonWriter json, string name, object? value, string dataType = "")
    {
        switch (value)
        {
            case null or DBNull:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case byte or sbyte or short or ushort or int or uint or long:
                json.WriteNumber(name, Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case ulong large:
                json.WriteNumber(name, large);
                break;
            case decimal exact:
                json.WriteNumber(name, exact);
                break;
            case double real when double.IsFinite(real):
                json.WriteNumber(name, real);
                break;
            case float real when float.IsFinite(real):
                json.WriteNumber(name, real);
                break;
            case DateTime moment when string.Equals(dataType, "date", StringComparison.OrdinalIgnoreCase):
                json.WriteString(name, moment.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case DateTime moment:
                json.WriteString(name, moment);
                break;
            case DateTimeOffset moment:
                json.WriteString(name, moment);
                break;
            case DateOnly day:
                json.WriteString(name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case TimeOnly time:
                json.WriteString(name, time.ToString("HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
                break;
            case TimeSpan duration:
                json.WriteString(name, duration.ToString("c", CultureInfo.InvariantCulture));
                break;
            case Guid id:
                json.WriteString(name, id);
                break;
            case byte[] bytes:
                json.WriteBase64String(name, bytes);
                break;
            default:
                // NaN and infinities have no JSON number; other types (xml, variants) read best as text.
                json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
