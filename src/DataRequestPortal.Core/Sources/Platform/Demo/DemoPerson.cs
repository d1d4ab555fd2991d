using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>Someone in the demo mailing database: a name, an address and a few details the profile keeps.</summary>
internal sealed record DemoPerson(
    string FirstName,
    string LastName,
    string Email,
    string City,
    string Country,
    string Language,
    DateOnly BirthDate,
    IReadOnlyList<string> Interests)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>A person made up from the vocabulary; <paramref name="number"/> keeps generated addresses unique.</summary>
    public static DemoPerson Random(Random random, int number)
    {
        var first = DemoVocabulary.FirstNames[random.Next(DemoVocabulary.FirstNames.Length)];
        var last = DemoVocabulary.LastNames[random.Next(DemoVocabulary.LastNames.Length)];
        var domain = DemoVocabulary.Domains[random.Next(DemoVocabulary.Domains.Length)];
        var local = random.Next(3) switch
        {
            0 => $"{Fold(first)}.{Fold(last)}{number}",
            1 => $"{Fold(first)[0]}.{Fold(last)}{number}",
            _ => $"{Fold(first)}{number}",
        };
        return Create(random, first, last, $"{local}@{domain}");
    }

    public static DemoPerson Create(Random random, string first, string last, string email, string? city = null)
    {
        var place = city is null
            ? DemoVocabulary.Cities[random.Next(DemoVocabulary.Cities.Length)]
            : DemoVocabulary.Cities.First(c => c.City == city);
        var birth = new DateOnly(1950, 1, 1).AddDays(random.Next(365 * 55));
        var interests = DemoVocabulary.Interests.Where(_ => random.Next(4) == 0).Take(3).ToList();
        if (interests.Count == 0)
        {
            interests.Add(DemoVocabulary.Interests[random.Next(DemoVocabulary.Interests.Length)]);
        }

        return new DemoPerson(first, last, email, place.City, place.Country, place.Language, birth, interests);
    }

    /// <summary>The profile's fields as the mailing database keeps them.</summary>
    public string FieldsJson(bool subscribed)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("firstname", FirstName);
            json.WriteString("lastname", LastName);
            json.WriteString("city", City);
            json.WriteString("country", Country);
            json.WriteString("language", Language);
            json.WriteString("birthdate", BirthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteBoolean("newsletter", subscribed);
            json.WriteStartArray("interests");
            foreach (var interest in Interests)
            {
                json.WriteStringValue(interest);
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>A name as it may appear in an address: lower-case ASCII letters only.</summary>
    public static string Fold(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            var folded = c switch
            {
                'ı' => "i",
                'ł' or 'Ł' => "l",
                'ø' or 'Ø' => "o",
                'ß' => "ss",
                _ when char.IsAsciiLetter(c) => char.ToLowerInvariant(c).ToString(),
                _ => "",
            };
            builder.Append(folded);
        }

        return builder.ToString();
    }
}
