using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataRequestPortal.Core.Review;

/// <summary>Where a category may hold other people's data: how many records mention addresses or phone numbers that are not the subject's, and the most frequent ones.</summary>
public sealed record ReviewHint(int Category, int RecordsWithAddresses, int RecordsWithPhoneNumbers, IReadOnlyList<(string Value, int Records)> Top);

/// <summary>
/// Finds likely third-party data as places to look, never acting by itself: email addresses and phone numbers other than
/// the subject's own (the subject's identifier and what their profile records hold) and other than the organisation's
/// sending addresses (a mail's sender and From).
/// </summary>
internal static partial class ReviewHints
{
    public static HashSet<string> OwnIdentifiers(string subjectIdentifier, IEnumerable<JsonElement> records)
    {
        var own = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { subjectIdentifier.Trim() };
        foreach (var record in records)
        {
            var type = ReviewRecords.TypeOf(record) ?? "";
            var isProfile = type.Contains("profile", StringComparison.OrdinalIgnoreCase);
            foreach (var field in ReviewRecords.Fields(record))
            {
                var name = field.Name.ToLowerInvariant();
                var ownField = isProfile && (name.EndsWith("email", StringComparison.Ordinal) || name.Contains("phone", StringComparison.Ordinal) || name.Contains("mobile", StringComparison.Ordinal));
                var sender = name.EndsWith("sender", StringComparison.Ordinal) || name.EndsWith("· from", StringComparison.Ordinal) || name.EndsWith(".from", StringComparison.Ordinal);
                if (ownField || sender)
                {
                    foreach (Match match in EmailPattern().Matches(field.Value))
                    {
                        own.Add(match.Value);
                    }

                    foreach (Match match in PhonePattern().Matches(field.Value))
                    {
                        own.Add(Digits(match.Value));
                    }
                }
            }
        }

        return own;
    }

    /// <summary>The foreign addresses and phone numbers in one record.</summary>
    public static (HashSet<string> Addresses, HashSet<string> Phones) Foreign(JsonElement record, HashSet<string> own)
    {
        var addresses = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var phones = new HashSet<string>(StringComparer.Ordinal);
        // A Message-ID looks like an address and names a mail, not a person.
        foreach (var field in ReviewRecords.Fields(record).Where(f => !f.Name.EndsWith("Message-ID", StringComparison.OrdinalIgnoreCase)))
        {
            foreach (Match match in EmailPattern().Matches(field.Value))
            {
                if (!own.Contains(match.Value))
                {
                    addresses.Add(match.Value.ToLowerInvariant());
                }
            }

            foreach (Match match in PhonePattern().Matches(field.Value))
            {
                if (!own.Contains(Digits(match.Value)))
                {
                    phones.Add(match.Value.Trim());
                }
            }
        }

        return (addresses, phones);
    }

    private static string Digits(string phone) => new([.. phone.Where(char.IsAsciiDigit)]);

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")]
    private static partial Regex EmailPattern();

    // International (+31 6 1234 5678) or national with separators (020-123 4567); bare digit runs (ids, dates) are not counted.
    [GeneratedRegex(@"(?<![\w+])(?:\+\d{1,3}[ \-]?(?:\(\d{1,4}\)[ \-]?)?\d{1,4}(?:[ \-]?\d{2,4}){2,4}|0\d{1,3}[ \-]\d{3,4}[ \-]?\d{3,4})(?!\w)")]
    private static partial Regex PhonePattern();
}
