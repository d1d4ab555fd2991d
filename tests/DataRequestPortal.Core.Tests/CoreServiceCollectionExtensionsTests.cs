using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests;

public class CoreServiceCollectionExtensionsTests
{
    private static IServiceCollection Configure(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new ServiceCollection().AddPortalCore(configuration, Path.GetTempPath());
    }

    [Fact]
    public void OrganisationTimeZone_IsWhereDueDatesAreCounted()
    {
        using var services = Configure(("ConnectionStrings:Portal", "Data Source=:memory:"), ("Organisation:TimeZone", "Europe/Amsterdam")).BuildServiceProvider();

        Assert.Equal("Europe/Amsterdam", services.GetRequiredService<ComplianceClock>().Zone.Id);
    }

    [Fact]
    public void UnknownTimeZone_StopsTheStartWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(("ConnectionStrings:Portal", "Data Source=:memory:"), ("Organisation:TimeZone", "Mars/Olympus")));
        Assert.Contains("Organisation:TimeZone 'Mars/Olympus' is not a known time zone", error.Message);
    }

    [Fact]
    public void UnknownProvider_StopsTheStartWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(("Database:Provider", "Oracle")));
        Assert.Contains("Database:Provider is 'Oracle'", error.Message);
    }

    [Fact]
    public void SqlServer_WithoutAConnectionString_StopsTheStartWithAClearMessage()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Configure(("Database:Provider", "SqlServer")));
        Assert.Contains("ConnectionStrings:Portal is empty", error.Message);
    }
}
