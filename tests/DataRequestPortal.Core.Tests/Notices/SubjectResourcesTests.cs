using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Notices;

public partial class SubjectResourcesTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "src", "DataRequestPortal.Core", "Notices");

    private static Dictionary<string, string> Texts(string language)
    {
        var file = Path.Combine(Folder, language == SubjectLanguages.Shipped[0] ? "SubjectResources.resx" : $"SubjectResources.{language}.resx");
        return XDocument.Load(file).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");
    }

    public static TheoryData<string> Translations() => [.. SubjectLanguages.Shipped.Skip(1)];

    public static TheoryData<string> Languages() => [.. SubjectLanguages.Shipped];

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_HasExactlyTheKeysOfTheEnglishTexts(string language)
    {
        var english = Texts("en").Keys.ToHashSet();
        var translated = Texts(language).Keys.ToHashSet();

        Assert.Empty(english.Except(translated).Order());
        Assert.Empty(translated.Except(english).Order());
    }

    [Theory]
    [MemberData(nameof(Translations))]
    public void Translation_EveryTextHasTheSamePlaceholdersAsTheEnglish(string language)
    {
        var english = Texts("en");
        var differing = Texts(language)
            .Where(t => english.TryGetValue(t.Key, out var original) && !Placeholders(original).SetEquals(Placeholders(t.Value)))
            .Select(t => $"{t.Key}: '{english[t.Key]}' / '{t.Value}'")
            .ToList();

        Assert.Empty(differing);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Language_EveryTextIsFilledIn_AndFormatsWithoutError(string language)
    {
        foreach (var (key, text) in Texts(language))
        {
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language}: {key} is empty");
            var arguments = Enumerable.Range(0, 4).Select(i => (object)$"<{i}>").ToArray();
            _ = string.Format(CultureInfo.GetCultureInfo(language), text, arguments);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Localizer_FindsEveryKey_InTheBuiltResources(string language)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        foreach (var (key, text) in Texts(language))
        {
            using (SubjectLanguages.Use(culture))
            {
                var found = SubjectResources.Localizer[key];
                Assert.False(found.ResourceNotFound, $"{language}: {key}");
                Assert.Equal(text, found.Value);
            }
        }
    }

    [Theory]
    [InlineData("en", "right of access")]
    [InlineData("nl", "recht van inzage")]
    [InlineData("de", "Auskunftsrecht")]
    [InlineData("fr", "droit d'accès")]
    public void StartLead_NamesTheRightInTheRegulationsOwnTerm(string language, string term)
    {
        Assert.Contains(term, Texts(language)["StartLead"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nl", "Algemene verordening gegevensbescherming")]
    [InlineData("de", "Datenschutz-Grundverordnung")]
    [InlineData("fr", "règlement général sur la protection des données")]
    public void ReportLawLine_NamesTheRegulationByItsOfficialTitle(string language, string title)
    {
        Assert.Contains(title, Texts(language)["PdfLawGdpr"], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_InAScope_IsInThatLanguage_AndTheThreadGetsItsOwnBack()
    {
        var before = CultureInfo.CurrentUICulture;
        using (SubjectLanguages.Use(CultureInfo.GetCultureInfo("de")))
        {
            Assert.Equal("Ihre Anträge", SubjectTexts.RequestsTitle);
            Assert.Equal("de", SubjectTexts.Language);
        }

        Assert.Equal(before, CultureInfo.CurrentUICulture);
        Assert.Equal("Vos demandes", SubjectResources.In(CultureInfo.GetCultureInfo("fr"), "RequestsTitle"));
        Assert.Equal(before, CultureInfo.CurrentUICulture);
    }

    [Theory]
    [InlineData("nl", "woensdag 1 april 2026")]
    [InlineData("de", "Mittwoch, 1. April 2026")]
    [InlineData("fr", "mercredi 1 avril 2026")]
    [InlineData("en", "Wednesday 1 April 2026")]
    public void LongDate_IsWrittenTheWayTheLanguageWritesDates(string language, string expected)
    {
        using (SubjectLanguages.Use(CultureInfo.GetCultureInfo(language)))
        {
            Assert.Equal(expected, SubjectTexts.LongDate(new DateOnly(2026, 4, 1)));
        }
    }

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Groups[1].Value)];

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();
}
