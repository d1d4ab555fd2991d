using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Sources.Platform;

public class PlatformStoreOptionsTests
{
    private static async Task<SourceCatalog> CatalogAsync(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<IDbContextFactory<PortalDbContext>>(database)
            .AddPortalSources(configuration)
            .BuildServiceProvider();
        await using (services)
        {
            return services.GetRequiredService<SourceCatalog>();
        }
    }

    [Fact]
    public async Task AddPortalSources_WithoutSettings_ListsThePlatformStoreWithItsFacts()
    {
        await using var database = await TestDatabase.CreateAsync();

        var catalog = await CatalogAsync(database);

        var platform = Assert.Single(catalog.All).Description;
        Assert.Equal("platform", platform.Key);
        Assert.Equal("Mailing platform", platform.Title);
        Assert.NotEmpty(platform.Facts.Purposes);
        Assert.NotEmpty(platform.Facts.Recipients);
        Assert.Contains("24 months", platform.Facts.Retention);
        Assert.False(string.IsNullOrWhiteSpace(platform.Facts.Origin));
        Assert.Contains("segmentation", platform.Facts.AutomatedDecisionMaking);
    }

    [Fact]
    public async Task AddPortalSources_WithConfiguredFacts_ReplacesTheDefaults()
    {
        await using var database = await TestDatabase.CreateAsync();

        var catalog = await CatalogAsync(
            database,
            ("Sources:Platform:Title", "Copernica mailing database"),
            ("Sources:Platform:Facts:Purposes:0", "Newsletters"),
            ("Sources:Platform:Facts:Recipients:0", "Copernica BV (processor)"),
            ("Sources:Platform:Facts:Retention", "Until you unsubscribe"),
            ("Sources:Platform:Facts:AutomatedDecisionMaking", "None"));

        var platform = Assert.Single(catalog.All).Description;
        Assert.Equal("Copernica mailing database", platform.Title);
        Assert.Equal(["Newsletters"], platform.Facts.Purposes);
        Assert.Equal(["Copernica BV (processor)"], platform.Facts.Recipients);
        Assert.Equal("Until you unsubscribe", platform.Facts.Retention);
        Assert.Equal("None", platform.Facts.AutomatedDecisionMaking);
        Assert.Equal(PlatformStoreOptions.DefaultFacts().Origin, platform.Facts.Origin);
    }

    [Fact]
    public async Task AddPortalSources_Disabled_LeavesThePlatformStoreOut()
    {
        await using var database = await TestDatabase.CreateAsync();

        var catalog = await CatalogAsync(database, ("Sources:Platform:Enabled", "false"));

        Assert.Empty(catalog.All);
    }
}
