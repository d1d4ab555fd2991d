using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>A throw-away redis-server (Debian's package) on a free loopback port, with nothing saved to disk.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    private const string Executable = "/usr/bin/redis-server";

    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>Starts a server on <paramref name="port"/> (a restart of one that stopped there), or on a free port.</summary>
    public static async Task<RedisServer> StartAsync(int? port = null)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing; tests/run.sh installs it (apt-get install redis-server).");
        }

        var listenOn = port ?? FreePort();
        var start = new ProcessStartInfo(Executable, $"--port {listenOn} --bind 127.0.0.1 --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start redis-server.");
        var server = new RedisServer(process, listenOn);
        var deadline = DateTime.UtcNow + Eventually.Timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, listenOn);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    /// <summary>A loopback port nothing listens on.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
