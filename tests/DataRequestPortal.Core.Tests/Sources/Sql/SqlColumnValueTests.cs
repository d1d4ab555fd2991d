using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Sources.Sql;

namespace DataRequestPortal.Core.Tests.Sources.Sql;

public class SqlColumnValueTests
{
    private static string Written(object? value, string dataType = "")
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            SqlColumnValue.Write(json, "v", value, dataType);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static TheoryData<object?, string, string> SqlServerValues => new()
    {
        { new DateTime(2026, 3, 1, 14, 30, 5, DateTimeKind.Utc), "datetime2", "\"2026-03-01T14:30:05Z\"" },
        { new DateTime(2026, 3, 1, 14, 30, 5, DateTimeKind.Unspecified), "datetime", "\"2026-03-01T14:30:05\"" },
        { new DateTime(2026, 3, 1), "date", "\"2026-03-01\"" },
        { new DateTimeOffset(2026, 3, 1, 14, 30, 5, TimeSpan.FromHours(1)), "datetimeoffset", "\"2026-03-01T14:30:05+01:00\"" },
        { new TimeSpan(0, 9, 15, 0), "time", "\"09:15:00\"" },
        { 12.50m, "decimal", "12.50" },
        { 3_000_000_000L, "bigint", "3000000000" },
        { (short)7, "smallint", "7" },
        { true, "bit", "true" },
        { 0.25f, "real", "0.25" },
        { double.NaN, "float", "\"NaN\"" },
        { new Guid("3f2504e0-4f89-11d3-9a0c-0305e82c3301"), "uniqueidentifier", "\"3f2504e0-4f89-11d3-9a0c-0305e82c3301\"" },
        { new byte[] { 0xCA, 0xFE }, "varbinary", "\"yv4=\"" },
        { DBNull.Value, "nvarchar", "null" },
    };

    [Theory]
    [MemberData(nameof(SqlServerValues))]
    public void Write_DatabaseValue_BecomesTheJsonAReaderExpects(object? value, string dataType, string expected)
    {
        Assert.Equal($$"""{"v":{{expected}}}""", Written(value, dataType));
    }
}
