using System.Globalization;
using System.Text.RegularExpressions;

namespace DataRequestPortal.RequestLoad;

/// <summary>
/// What the portal's database spent its time on, read from EF Core's command log
/// (<c>Microsoft.EntityFrameworkCore.Database.Command</c> at Information): per statement, how often it ran, its total
/// and its longest time. A statement that waited for SQLite's write lock shows as a long maximum.
/// </summary>
public static partial class CommandProfile
{
    public static readonly IReadOnlyDictionary<string, string> Settings = new Dictionary<string, string>
    {
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command"] = "Information",
        ["Logging:Console:FormatterName"] = "simple",
        ["Logging:Console:FormatterOptions:SingleLine"] = "false",
    };

    public static void Print(IReadOnlyList<string> log, TextWriter output, int top = 15)
    {
        var statements = new Dictionary<string, (int Count, double Total, double Max, int Over100)>();
        for (var i = 0; i < log.Count; i++)
        {
            var match = Executed().Match(log[i]);
            if (!match.Success)
            {
                continue;
            }

            var sql = new List<string>();
            for (var j = i + 1; j < log.Count && log[j].StartsWith("      ", StringComparison.Ordinal) && sql.Count < 3; j++)
            {
                sql.Add(log[j].Trim());
            }

            var key = Whitespace().Replace(string.Join(' ', sql), " ");
            key = key.Length > 110 ? key[..110] + "…" : key;
            var ms = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            statements.TryGetValue(key, out var seen);
            statements[key] = (seen.Count + 1, seen.Total + ms, Math.Max(seen.Max, ms), seen.Over100 + (ms >= 100 ? 1 : 0));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {statements.Values.Sum(s => s.Count):N0} database commands; the {top} that took longest in all (ms as EF Core logs them, lock waits included):"));
        output.WriteLine("  | count | total ms | max ms | ≥ 100 ms | statement |");
        output.WriteLine("  |------:|---------:|-------:|---------:|-----------|");
        foreach (var (sql, (count, total, max, over100)) in statements.OrderByDescending(s => s.Value.Total).Take(top))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  | {count:N0} | {total:N0} | {max:N0} | {over100:N0} | {sql.Replace("|", "\\|", StringComparison.Ordinal)} |"));
        }
    }

    [GeneratedRegex(@"Executed DbCommand \((\d+)ms\)")]
    private static partial Regex Executed();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
