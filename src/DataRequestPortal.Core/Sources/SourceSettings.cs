using System.Collections;
using System.Globalization;
using System.Reflection;
using DataRequestPortal.Core.Sources.Http;
using DataRequestPortal.Core.Sources.Manual;
using DataRequestPortal.Core.Sources.Sql;
using DataRequestPortal.Core.Sources.Upstream;
using Microsoft.Extensions.Configuration;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// The configured sources under <c>Sources</c>, read and checked as a whole at start-up: every problem is named
/// by its setting, so a typo stops the portal before it could collect an incomplete result.
/// </summary>
public sealed class SourceSettings
{
    public const string Section = "Sources";

    private SourceSettings(
        IReadOnlyList<SqlSourceOptions> sql, IReadOnlyList<HttpSourceOptions> http, IReadOnlyList<UpstreamSourceOptions> upstream, IReadOnlyList<ManualSourceOptions> manual)
    {
        Sql = sql;
        Http = http;
        Upstream = upstream;
        Manual = manual;
    }

    public IReadOnlyList<SqlSourceOptions> Sql { get; }

    public IReadOnlyList<HttpSourceOptions> Http { get; }

    public IReadOnlyList<UpstreamSourceOptions> Upstream { get; }

    public IReadOnlyList<ManualSourceOptions> Manual { get; }

    /// <exception cref="InvalidOperationException">A setting is missing or wrong; the message names each one.</exception>
    public static SourceSettings Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        var keys = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var sql = ReadList<SqlSourceOptions>(configuration, SqlSourceOptions.Kind, problems, keys);
        var http = ReadList<HttpSourceOptions>(configuration, HttpSourceOptions.Kind, problems, keys);
        var upstream = ReadList<UpstreamSourceOptions>(configuration, UpstreamSourceOptions.Kind, problems, keys);
        var manual = ReadList<ManualSourceOptions>(configuration, ManualSourceOptions.Kind, problems, keys);
        return problems.Count switch
        {
            0 => new SourceSettings(sql, http, upstream, manual),
            1 => throw new InvalidOperationException(problems[0]),
            _ => throw new InvalidOperationException(
                $"The data source settings have {problems.Count} problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems.Select(p => "- " + p))}"),
        };
    }

    private static List<T> ReadList<T>(IConfiguration configuration, string kind, List<string> problems, Dictionary<string, string> keys)
        where T : ConfiguredSourceOptions
    {
        var list = new List<T>();
        var section = configuration.GetSection($"{Section}:{kind}");
        foreach (var entry in section.GetChildren())
        {
            if (!int.TryParse(entry.Key, out _))
            {
                problems.Add($"{section.Path} is a list: write {section.Path}:0:Key and so on ('{entry.Path}' is not a position in it).");
                continue;
            }

            // A source switched off is not read at all, so one can be switched off before it is fully written.
            if (typeof(T).GetProperty(nameof(ManualSourceOptions.Enabled)) is not null && bool.TryParse(entry[nameof(ManualSourceOptions.Enabled)], out var enabled) && !enabled)
            {
                continue;
            }

            var before = problems.Count;
            CheckSettings(entry, typeof(T), problems);
            if (problems.Count > before)
            {
                continue;
            }

            T? options;
            try
            {
                options = entry.Get<T>();
            }
            catch (InvalidOperationException ex)
            {
                // The binder names the setting it could not convert, e.g. a word where a number belongs.
                problems.Add(ex.Message);
                continue;
            }

            if (options is null)
            {
                continue;
            }

            options.Validate(entry.Path, problems);
            if (!string.IsNullOrWhiteSpace(options.Key))
            {
                if (keys.TryGetValue(options.Key.Trim(), out var other))
                {
                    problems.Add($"{entry.Path}:Key '{options.Key.Trim()}' is also the key of {other}; every source needs its own key.");
                }
                else
                {
                    keys[options.Key.Trim()] = entry.Path;
                }
            }

            if (problems.Count == before)
            {
                list.Add(options);
            }
        }

        return list;
    }

    /// <summary>
    /// Finds settings the portal does not know — almost always typos that would otherwise be ignored silently — and
    /// numbers that are not numbers, so every message names the setting in the operator's words.
    /// </summary>
    private static void CheckSettings(IConfigurationSection section, Type type, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite)
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (!properties.TryGetValue(child.Key, out var property))
            {
                problems.Add($"{child.Path} is not a setting of a data source; check its spelling.");
                continue;
            }

            var propertyType = property.PropertyType;
            if (propertyType == typeof(int) && !int.TryParse(child.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{child.Path} is '{child.Value}'; give a whole number.");
                continue;
            }

            if (propertyType == typeof(double) && !double.TryParse(child.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"{child.Path} is '{child.Value}'; give a number such as 30 or 0.5.");
                continue;
            }

            if (propertyType == typeof(string) || propertyType.IsValueType || typeof(IDictionary).IsAssignableFrom(propertyType))
            {
                continue;
            }

            if (propertyType.IsGenericType && propertyType.GetGenericTypeDefinition() == typeof(List<>))
            {
                if (!string.IsNullOrEmpty(child.Value))
                {
                    // A single value where a list belongs would otherwise be dropped, e.g. SubjectTypes silently meaning all.
                    problems.Add($"{child.Path} is a list: write it as a JSON array, or as {child.Path}:0 and so on.");
                    continue;
                }

                var element = propertyType.GetGenericArguments()[0];
                if (element != typeof(string))
                {
                    foreach (var item in child.GetChildren())
                    {
                        CheckSettings(item, element, problems);
                    }
                }

                continue;
            }

            CheckSettings(child, propertyType, problems);
        }
    }
}
