using DataRequestPortal.Core.Sources;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Sources made from settings exactly as the portal makes them at start-up.</summary>
public static class ConfiguredSources
{
    /// <summary>A later setting replaces an earlier one with the same key, so a test can vary a default.</summary>
    public static ServiceProvider Build(params (string Key, string Value)[] settings) => Build(null, settings);

    /// <summary>As <see cref="Build(ValueTuple{string, string}[])"/>, with every log line at every level going to <paramref name="logs"/>.</summary>
    public static ServiceProvider Build(ILoggerProvider? logs, params (string Key, string Value)[] settings) => Build(TimeProvider.System, logs, settings);

    /// <summary>As <see cref="Build(ILoggerProvider, ValueTuple{string, string}[])"/>, with the sources' time from <paramref name="time"/>, which a test moves on.</summary>
    public static ServiceProvider Build(TimeProvider time, ILoggerProvider? logs, params (string Key, string Value)[] settings) => Build(time, logs, null, settings);

    /// <summary>As <see cref="Build(TimeProvider, ILoggerProvider, ValueTuple{string, string}[])"/>, with services of the test's own added first.</summary>
    public static ServiceProvider Build(TimeProvider time, ILoggerProvider? logs, Action<IServiceCollection>? also, params (string Key, string Value)[] settings)
    {
        // The platform store lives in the portal's database; these tests are about the configured sources alone.
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Sources:Platform:Enabled"] = "false" };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        also?.Invoke(services);
        return services
            .AddSingleton(time)
            .AddLogging(logging =>
            {
                logging.SetMinimumLevel(LogLevel.Trace);
                if (logs is not null)
                {
                    logging.AddProvider(logs);
                }
            })
            .AddPortalSources(configuration)
            .BuildServiceProvider();
    }

    /// <summary>The one configured source, from the catalog.</summary>
    public static IDataSource Single(params (string Key, string Value)[] settings) =>
        Build(settings).GetRequiredService<SourceCatalog>().All.Single();

    /// <summary>The one configured source, keeping time by <paramref name="time"/>.</summary>
    public static IDataSource Single(TimeProvider time, params (string Key, string Value)[] settings) =>
        Build(time, null, settings).GetRequiredService<SourceCatalog>().All.Single();

    public static InvalidOperationException Refused(params (string Key, string Value)[] settings) =>
        Assert.Throws<InvalidOperationException>(() => Build(settings));
}
