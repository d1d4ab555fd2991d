using DataRequestPortal.Core.Notices;

namespace DataRequestPortal.Core.Tests.Notices;

public class SubjectLanguagesTests
{
    private static SubjectLanguages Languages(string defaultLanguage = "en", params string[] offered) =>
        new(new OrganisationOptions { DefaultLanguage = defaultLanguage }, offered);

    [Fact]
    public void Offered_NothingConfigured_IsEveryShippedLanguage_DefaultFirst()
    {
        Assert.Equal(["de", "en", "nl", "fr"], Languages("de").Offered);
    }

    [Fact]
    public void Offered_Configured_IsLimitedToThoseAndAlwaysHoldsTheDefault()
    {
        var languages = Languages("nl", "de", "fr");

        Assert.Equal(["nl", "de", "fr"], languages.Offered);
        Assert.False(languages.IsOffered("en"));
        Assert.Equal("nl", languages.Resolve("en-GB"));
    }

    [Theory]
    [InlineData("nl-BE", "nl")]
    [InlineData("DE", "de")]
    [InlineData("fr_CA", "fr")]
    [InlineData("es", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Normalize_TakesTheLanguageOfARegionalTag(string? tag, string? expected)
    {
        Assert.Equal(expected, SubjectLanguages.Normalize(tag));
    }

    [Fact]
    public void CultureFor_NoStoredLanguage_IsTheOrganisationsDefault()
    {
        Assert.Equal("de", SubjectLanguages.CultureFor(null, new OrganisationOptions { DefaultLanguage = "de" }).Name);
        Assert.Equal("fr", SubjectLanguages.CultureFor("fr", new OrganisationOptions { DefaultLanguage = "de" }).Name);
    }

    [Fact]
    public void OrganisationIn_ATranslatedLanguage_UsesItsTextsAndFallsBackForTheRest()
    {
        var organisation = new OrganisationOptions
        {
            Name = "Example Shop",
            SupervisoryAuthority = new SupervisoryAuthorityOptions { Name = "Autoriteit Persoonsgegevens", Url = "https://autoriteitpersoonsgegevens.nl", Text = "Complain." },
            Translations = { ["nl"] = new OrganisationTranslation { Name = "Voorbeeldwinkel", SupervisoryAuthority = new SupervisoryAuthorityTranslation { Text = "Dien een klacht in." } } },
        };

        var dutch = organisation.In("nl");
        Assert.Equal("Voorbeeldwinkel", dutch.Name);
        Assert.Equal("Dien een klacht in.", dutch.SupervisoryAuthority.Text);
        Assert.Equal("Autoriteit Persoonsgegevens", dutch.SupervisoryAuthority.Name);
        Assert.Equal("Example Shop", organisation.In("de").Name);
        Assert.Equal("Example Shop", organisation.Name);
    }
}
