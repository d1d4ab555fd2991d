using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Azure.Storage.Blobs;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A throw-away Azurite blob service (Microsoft's Azure Storage emulator, npm package <c>azurite</c>) on a free loopback
/// port, keeping its blobs in a temporary folder that goes when it stops. <c>tests/run.sh</c> installs it under
/// <c>.tools/azurite</c>; <c>AZURITE_BLOB</c> may name another <c>azurite-blob</c>.
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account, the same in every copy of it.
    private const string Account = "devstoreaccount1";

    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly Process process;

    private readonly string location;

    private AzuriteServer(Process process, int port, string location)
    {
        this.process = process;
        this.location = location;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"DefaultEndpointsProtocol=http;AccountName={Account};AccountKey={Key};BlobEndpoint=http://127.0.0.1:{Port}/{Account};";

    /// <summary>A container name no other test uses.</summary>
    public static string NewContainerName() => "results-" + Guid.NewGuid().ToString("N")[..20];

    public BlobContainerClient Container(string name) => new(ConnectionString, name);

    public static async Task<AzuriteServer> StartAsync()
    {
        var executable = Executable();
        var port = FreePort();
        var location = Path.Combine(Path.GetTempPath(), "drp-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--blobHost", "127.0.0.1", "--blobPort", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--location", location, "--silent", "--skipApiVersionCheck", "--loose" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var server = new AzuriteServer(process, port, location);
        var deadline = DateTime.UtcNow + Eventually.Timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return server;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
            catch (SocketException)
            {
                var error = process.HasExited ? await process.StandardError.ReadToEndAsync() : "it did not listen in time";
                await server.DisposeAsync();
                throw new InvalidOperationException($"Azurite did not start on port {port}: {error}");
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
        try
        {
            Directory.Delete(location, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; the system clears it in time.
        }
    }

    private static string Executable()
    {
        var named = Environment.GetEnvironmentVariable("AZURITE_BLOB");
        var candidates = new List<string>();
        if (!string.IsNullOrEmpty(named))
        {
            candidates.Add(named);
        }

        candidates.Add(Path.Combine(Repository.Root, ".tools", "azurite", "node_modules", ".bin", "azurite-blob"));
        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(folder => Path.Combine(folder, "azurite-blob")));
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "azurite-blob is missing: the Azure Blob result store is tested against Azurite. tests/run.sh installs it (npm install --prefix .tools/azurite azurite), or set AZURITE_BLOB to its azurite-blob.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>One Azurite for the test classes that share it; each test uses containers of its own.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private AzuriteServer? server;

    public AzuriteServer Server => server ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync() => server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }
}
