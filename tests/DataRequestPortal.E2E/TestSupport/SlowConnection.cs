using System.Threading.Channels;
using Microsoft.Playwright;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>
/// A slow network between a page and its circuit: every message on the page's Blazor connection arrives a fixed time
/// after it was sent, in order, in both directions. The page goes on at its own speed meanwhile, as over a real link.
/// </summary>
public static class SlowConnection
{
    /// <summary>Delays the circuit of every page <paramref name="page"/> opens from now on by <paramref name="oneWay"/> each way.</summary>
    public static Task DelayCircuitAsync(IPage page, TimeSpan oneWay) =>
        page.RouteWebSocketAsync(url => url.Contains("/_blazor", StringComparison.Ordinal), route =>
        {
            var server = route.ConnectToServer();
            route.OnMessage(Forward(server, oneWay));
            server.OnMessage(Forward(route, oneWay));
        });

    private static Action<IWebSocketFrame> Forward(IWebSocketRoute to, TimeSpan delay)
    {
        var queue = Channel.CreateUnbounded<IWebSocketFrame>(new UnboundedChannelOptions { SingleReader = true });
        _ = Task.Run(async () =>
        {
            while (await queue.Reader.WaitToReadAsync())
            {
                // The latency being simulated, not a wait for something to happen. What was sent meanwhile arrives
                // together, as packets held up on a slow link do.
                await Task.Delay(delay);
                while (queue.Reader.TryRead(out var frame))
                {
                    // Playwright's frame does not say whether it was text or binary; the circuit's SignalR reads either
                    // as bytes (the handshake is text, the messages after it binary).
                    to.Send(frame.Binary!);
                }
            }
        });
        return frame => queue.Writer.TryWrite(frame);
    }
}
