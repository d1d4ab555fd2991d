using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>
/// A records service for the portal's HTTP source that answers <c>GET /people/{subject}</c> only once the test
/// opens that subject's gate, so a test can hold a collection in progress for as long as it needs to look.
/// </summary>
public sealed class GatedRecordServer : IAsyncDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    public GatedRecordServer()
    {
        var port = FreePort();
        BaseAddress = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseAddress);
        listener.Start();
        serving = ServeAsync();
    }

    public string BaseAddress { get; }

    public string UrlTemplate => BaseAddress + "people/{subject}";

    /// <summary>Settings that make this server the portal's HTTP source <c>crm</c> (category <c>customer</c>), with room to hold a call for two minutes.</summary>
    public Dictionary<string, string> SourceSettings() => new()
    {
        ["Sources:Http:0:Key"] = "crm",
        ["Sources:Http:0:Title"] = "Customer records",
        ["Sources:Http:0:UrlTemplate"] = UrlTemplate,
        ["Sources:Http:0:TimeoutSeconds"] = "120",
        ["Sources:Http:0:Category:Name"] = "customer",
        ["Sources:Http:0:Category:Description"] = "Customer account",
    };

    /// <summary>Lets the waiting (or next) request for this subject through.</summary>
    public void Open(string subject) => Gate(subject).TrySetResult();

    private TaskCompletionSource Gate(string subject) =>
        gates.GetOrAdd(subject, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }

            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var subject = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath["/people/".Length..]);
        try
        {
            await Gate(subject).Task.WaitAsync(stopping.Token);
            var body = Encoding.UTF8.GetBytes($$"""[{"type":"customer","email":"{{subject}}","tier":"gold","since":"2019-04-01"}]""");
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            await context.Response.OutputStream.WriteAsync(body);
            context.Response.Close();
        }
        catch (OperationCanceledException)
        {
            context.Response.Abort();
        }
        catch (HttpListenerException)
        {
            // The portal gave up on this call.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        listener.Close();
        try
        {
            await serving;
        }
        catch (Exception)
        {
            // Stopping.
        }

        stopping.Dispose();
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
