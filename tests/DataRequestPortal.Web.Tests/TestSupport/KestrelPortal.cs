namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>A class fixture: the portal on Kestrel (<see cref="PortalFactory.StartOnKestrel"/>), with no rate limit in the way.</summary>
public sealed class KestrelPortal : IAsyncLifetime
{
    public PortalFactory Portal { get; } = new();

    public Task InitializeAsync()
    {
        Portal.Settings["Api:RateLimit:FilingsPerMinute"] = "1000000";
        Portal.Settings["Api:RateLimit:ReadsPerMinute"] = "1000000";
        Portal.StartOnKestrel();
        return Task.CompletedTask;
    }

    public Task DisposeAsync() => Portal.DisposeAsync().AsTask();
}
