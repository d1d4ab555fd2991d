using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>A real HTTP server (Kestrel on 127.0.0.1 or a given address, a free port) answering with the endpoints a test maps; it records what it received.</summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalHttpServer(WebApplication app, ConcurrentQueue<ReceivedRequest> received)
    {
        this.app = app;
        Received = received;
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Address = bound.TrimEnd('/');
    }

    /// <summary>The server's root without a trailing slash, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Address { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; }

    public static async Task<LocalHttpServer> StartAsync(Action<IEndpointRouteBuilder> map, IPAddress? listenOn = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(listenOn ?? IPAddress.Loopback, 0));
        var app = builder.Build();

        var received = new ConcurrentQueue<ReceivedRequest>();
        app.Use(async (context, next) =>
        {
            received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget,
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            await next(context);
        });
        map(app);
        await app.StartAsync();
        return new LocalHttpServer(app, received);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(Eventually.Timeout);
        await app.StopAsync(stop.Token);
        await app.DisposeAsync();
    }
}

/// <summary>A request as it arrived: its method, the raw target (path and query exactly as sent) and its headers.</summary>
public sealed record ReceivedRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers)
{
    public string Path => Target.Split('?')[0];

    public string Query => Target.Contains('?') ? Target[Target.IndexOf('?')..] : "";
}
