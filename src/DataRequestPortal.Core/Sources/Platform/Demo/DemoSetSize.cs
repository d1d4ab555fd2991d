using System.Globalization;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>The totals of a large demo set, as the <c>seed-demo</c> command takes them.</summary>
public sealed record DemoSetSize(int Profiles, long Messages, long Events)
{
    public const int DefaultProfiles = 100_000;

    public const long DefaultEvents = 1_000_000;

    public const string Usage = """
        Usage: seed-demo [--profiles N] [--events N] [--messages N]

        Fills an empty platform store with a large, deterministic demo set for benchmarks.
          --profiles N   profiles to create (default 100000)
          --events N     opens and clicks to create (default 1000000)
          --messages N   mails to create (default: a fifth of the events)
        The set includes the benchmark subjects bench-1000@example.com, bench-10000@example.com and
        bench-100000@example.com, as far as the totals leave room for them.
        """;

    public static DemoSetSize Default { get; } = new(DefaultProfiles, DefaultEvents / 5, DefaultEvents);

    /// <summary>Reads the command's options; on a mistake, <paramref name="error"/> says which one and why.</summary>
    public static bool TryParse(IReadOnlyList<string> arguments, out DemoSetSize size, out string error)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        long profiles = DefaultProfiles, events = DefaultEvents;
        long? messages = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        size = Default;
        for (var i = 0; i < arguments.Count; i++)
        {
            var name = arguments[i];
            if (name is not ("--profiles" or "--events" or "--messages"))
            {
                error = $"Unknown option '{name}'.";
                return false;
            }

            if (!seen.Add(name))
            {
                error = $"{name} is given twice.";
                return false;
            }

            if (i + 1 >= arguments.Count)
            {
                error = $"{name} needs a number.";
                return false;
            }

            var text = arguments[++i].Replace("_", "", StringComparison.Ordinal);
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
            {
                error = $"{name} needs a whole number of at least 1; '{arguments[i]}' is not.";
                return false;
            }

            switch (name)
            {
                case "--profiles": profiles = value; break;
                case "--events": events = value; break;
                default: messages = value; break;
            }
        }

        if (profiles > 10_000_000 || events > 1_000_000_000 || messages > 100_000_000)
        {
            error = "At most 10000000 profiles, 100000000 messages and 1000000000 events.";
            return false;
        }

        var mails = messages ?? Math.Max(1, events / 5);
        size = new DemoSetSize((int)profiles, mails, events);
        error = "";
        return true;
    }
}
