using System.Globalization;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>
/// A subject of the large demo set whose records add up to exactly <see cref="Records"/> (profile, subprofiles,
/// mails, MIME messages, attachments, opens, clicks and surveys together), for measuring collection time and memory.
/// </summary>
public sealed record BenchmarkSubject(string Email, long ProfileId, int Records)
{
    /// <summary>The sizes the large set holds, as far as its totals leave room for them.</summary>
    public static readonly IReadOnlyList<int> Sizes = [1_000, 10_000, 100_000];

    public static string EmailFor(int records) => $"bench-{records.ToString(CultureInfo.InvariantCulture)}@example.com";
}
