using Microsoft.EntityFrameworkCore;
using DataRequestPortal.Core.Data;
using System.Text;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Sources;

public class SourceServiceCollectionExtensionsTests
{
    [Fact]
    public void AddPortalSources_ConfiguredSources_AreInTheCatalogWithWhatThePdfPrints()
    {
        using var services = ConfiguredSources.Build(
            ("Sources:Sql:0:Key", "shop"),
            ("Sources:Sql:0:Title", "Web shop"),
            ("Sources:Sql:0:Provider", "sqlserver"),
            ("Sources:Sql:0:ConnectionString", "Server=db;Database=shop;User Id=reader;Password=x"),
            ("Sources:Sql:0:SubjectTypes:0", "email"),
            ("Sources:Sql:0:Categories:0:Name", "orders"),
            ("Sources:Sql:0:Categories:0:Description", "Orders placed in the web shop"),
            ("Sources:Sql:0:Categories:0:Query", "SELECT id FROM orders WHERE email = @subject"),
            ("Sources:Sql:0:Categories:1:Name", "returns"),
            ("Sources:Sql:0:Categories:1:Query", "SELECT id FROM returns WHERE email = @subject"),
            ("Sources:Sql:0:Facts:Purposes:0", "Delivering orders"),
            ("Sources:Sql:0:Facts:Purposes:1", "Bookkeeping"),
            ("Sources:Sql:0:Facts:Recipients:0", "Parcel carrier"),
            ("Sources:Sql:0:Facts:Retention", "Seven years after the order (tax law)"),
            ("Sources:Http:0:Key", "crm"),
            ("Sources:Http:0:Title", "Customer service desk"),
            ("Sources:Http:0:UrlTemplate", "https://crm.example.com/people/{subject}/tickets"),
            ("Sources:Http:0:Category:Name", "ticket"),
            ("Sources:Upstream:0:Key", "copernica"),
            ("Sources:Upstream:0:Title", "Copernica marketing"),
            ("Sources:Upstream:0:BaseUrl", "https://api.copernica.com"),
            ("Sources:Upstream:0:Token", "tok"),
            ("Sources:Upstream:0:SubjectTypes:0", "profile"),
            ("Sources:Upstream:0:SubjectTypes:1", "subprofile"));

        var catalog = services.GetRequiredService<SourceCatalog>();

        Assert.Equal(["shop", "crm", "copernica"], catalog.All.Select(s => s.Description.Key));
        var shop = catalog.All[0].Description;
        Assert.Equal([new("orders", "Orders placed in the web shop"), new("returns", "")], shop.Categories);
        Assert.Equal(["Delivering orders", "Bookkeeping"], shop.Facts.Purposes);
        Assert.Equal(["Parcel carrier"], shop.Facts.Recipients);
        Assert.Equal("Seven years after the order (tax law)", shop.Facts.Retention);
        Assert.Equal("None", shop.Facts.AutomatedDecisionMaking);
        Assert.Equal(["shop", "crm"], catalog.For(SubjectType.Email).Select(s => s.Description.Key));
        Assert.Equal(["crm", "copernica"], catalog.For(SubjectType.Profile).Select(s => s.Description.Key));
    }

    [Fact]
    public void AddPortalSources_ReadmeExample_StartsWithOneSourceOfEachKind()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var section = readme[readme.IndexOf("## Data sources", StringComparison.Ordinal)..];
        var start = section.IndexOf("```json", StringComparison.Ordinal) + "```json".Length;
        var example = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];
        var configuration = new ConfigurationBuilder()
            .AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(example)))
            .AddInMemoryCollection([new("Sources:Platform:Enabled", "false")])
            .Build();

        using var services = new ServiceCollection().AddLogging().AddPortalSources(configuration).BuildServiceProvider();

        var catalog = services.GetRequiredService<SourceCatalog>();
        Assert.Equal(["shop", "crm", "copernica"], catalog.All.Select(s => s.Description.Key));
        Assert.Equal(["customer", "order"], catalog.All[0].Description.Categories.Select(c => c.Name));
        Assert.Equal([SubjectType.Profile, SubjectType.Subprofile], catalog.All[2].Description.SubjectTypes);
    }

    [Fact]
    public async Task AddPortalSources_ByDefault_PutsThePlatformStoreFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(
        [
            new("Sources:Http:0:Key", "crm"),
            new("Sources:Http:0:Title", "Customer records"),
            new("Sources:Http:0:UrlTemplate", "https://crm.example.com/people/{subject}"),
            new("Sources:Http:0:Category:Name", "customer"),
        ]).Build();
        using var services = new ServiceCollection().AddLogging()
            .AddSingleton<IDbContextFactory<PortalDbContext>>(database)
            .AddPortalSources(configuration)
            .BuildServiceProvider();

        Assert.Equal(["platform", "crm"], services.GetRequiredService<SourceCatalog>().All.Select(s => s.Description.Key));
    }

    [Fact]
    public void AddPortalSources_NoSourcesConfigured_GivesAnEmptyCatalog()
    {
        using var services = ConfiguredSources.Build();

        Assert.Empty(services.GetRequiredService<SourceCatalog>().All);
    }

    [Fact]
    public void AddPortalSources_AManualSourceSwitchedOffBeforeItIsWritten_StartsWithoutIt()
    {
        using var services = ConfiguredSources.Build(("Sources:Manual:0:Enabled", "false"));

        Assert.Empty(services.GetRequiredService<SourceCatalog>().All);
    }
}
