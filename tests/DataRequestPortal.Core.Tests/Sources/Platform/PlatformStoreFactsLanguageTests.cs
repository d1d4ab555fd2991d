using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Platform;
using Microsoft.Extensions.Configuration;

namespace DataRequestPortal.Core.Tests.Sources.Platform;

/// <summary>The platform store's Art. 15(1) facts in the subject's language: built in for the default facts, configurable for one's own.</summary>
public class PlatformStoreFactsLanguageTests
{
    private static PlatformStoreOptions From(params (string Key, string Value)[] settings) =>
        PlatformStoreOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build());

    [Theory]
    [InlineData("nl", "24 maanden")]
    [InlineData("de", "24 Monate")]
    [InlineData("fr", "24 mois")]
    [InlineData("en", "24 months")]
    public void DefaultFacts_InEachLanguage_AreWrittenInIt(string language, string retention)
    {
        var facts = From().Facts.In(language);

        Assert.Contains(retention, facts.Retention, StringComparison.Ordinal);
        Assert.Equal(4, facts.Purposes.Count);
    }

    [Fact]
    public void ConfiguredFacts_DropTheBuiltInTranslations_AndTakeTheirOwn()
    {
        var facts = From(
            ("Sources:Platform:Facts:Retention", "Kept for a year."),
            ("Sources:Platform:Facts:Translations:nl:Retention", "Een jaar bewaard.")).Facts;

        Assert.Equal("Een jaar bewaard.", facts.In("nl").Retention);
        Assert.Equal("Kept for a year.", facts.In("de").Retention);
        Assert.Equal(facts.Purposes, facts.In("nl").Purposes);
    }

    [Fact]
    public void FactsIn_ALanguageWithoutTranslation_AreTheFactsAsConfigured()
    {
        var facts = new SourceFacts { Retention = "A year." };

        Assert.Same(facts, facts.In("fr"));
        Assert.Same(facts, facts.In(null));
    }
}
