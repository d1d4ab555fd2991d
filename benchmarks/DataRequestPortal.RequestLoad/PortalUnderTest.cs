using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.RequestLoad;

/// <summary>
/// The portal built in this configuration (Release with <c>dotnet run -c Release</c>), started as its own process in
/// Production on a free port, over a fresh SQLite database and results folder in the temp folder, with API tokens
/// issued beforehand and the API limits raised out of the way of the load.
/// </summary>
public sealed class PortalUnderTest : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> log = [];

    private PortalUnderTest(Process process, Uri baseAddress, string folder, IReadOnlyList<string> tokens)
    {
        this.process = process;
        BaseAddress = baseAddress;
        Folder = folder;
        Tokens = tokens;
    }

    public Uri BaseAddress { get; }

    public string Folder { get; }

    public string ResultsFolder => Path.Combine(Folder, "results");

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Processor time the portal has used so far, on all cores.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The portal's standard output and error so far.</summary>
    public IReadOnlyList<string> Log
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    public static string BuiltPortal { get; } =
        typeof(PortalUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PortalWebDll").Value!;

    /// <summary>
    /// Prepares a database (schema, <paramref name="tokenCount"/> tokens, then <paramref name="prepare"/>), starts the
    /// portal over it with <paramref name="settings"/> and waits until it answers <c>/health</c>.
    /// </summary>
    public static async Task<PortalUnderTest> StartAsync(
        string portalDll, int tokenCount, IReadOnlyDictionary<string, string> settings, Func<PortalDbContext, Task>? prepare = null)
    {
        if (!File.Exists(portalDll))
        {
            throw new FileNotFoundException($"The portal is not built at {portalDll}.", portalDll);
        }

        var folder = Directory.CreateTempSubdirectory("drp-load-").FullName;
        var database = Path.Combine(folder, "portal.db");
        var options = PortalDatabase.Options(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = database, Pooling = false }.ToString());
        var tokens = new List<string>();
        await using (var db = new PortalDbContext(options))
        {
            await db.Database.MigrateAsync();
            if (prepare is not null)
            {
                await prepare(db);
            }
        }

        var issuer = new ApiTokens(new Contexts(options), TimeProvider.System);
        for (var i = 1; i <= tokenCount; i++)
        {
            tokens.Add((await issuer.IssueAsync($"load client {i}")).PlainText);
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet", $"\"{portalDll}\"")
        {
            WorkingDirectory = Path.GetDirectoryName(portalDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ConnectionStrings:Portal"] = $"Data Source={database}",
            ["DataProtection:KeysPath"] = Path.Combine(folder, "keys"),
            ["Results:Path"] = Path.Combine(folder, "results"),
            ["Email:Mode"] = "Pickup",
            ["Email:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Api:RequireHttps"] = "false",
            ["Api:RateLimit:FilingsPerMinute"] = "10000000",
            ["Api:RateLimit:ReadsPerMinute"] = "10000000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings)
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var portal = new PortalUnderTest(process, baseAddress, folder, tokens);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitUntilHealthyAsync();
        return portal;
    }

    /// <summary>Why a call failed, with the end of the portal's log when the portal has stopped.</summary>
    public Exception Explain(Exception failure) =>
        process.HasExited
            ? new InvalidOperationException($"The portal stopped with exit code {process.ExitCode}:\n{string.Join('\n', Log.TakeLast(60))}", failure)
            : failure;

    /// <summary>
    /// Starts <c>dotnet-trace</c> (a .NET global tool) sampling the portal's processor use into <paramref name="file"/>;
    /// disposing the result stops it and writes the file.
    /// </summary>
    public async Task<IAsyncDisposable> TraceAsync(string file)
    {
        var start = new ProcessStartInfo("dotnet-trace", $"collect -p {process.Id} --profile dotnet-sampled-thread-time -o \"{file}\"")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var trace = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet-trace.");
        _ = trace.StandardOutput.ReadToEndAsync();

        // The session has started once the file is there.
        while (!File.Exists(file) && !trace.HasExited)
        {
            await Task.Delay(50);
        }

        return new Tracing(trace);
    }

    /// <summary>A context on the portal's database, for reading what the portal did.</summary>
    public PortalDbContext CreateDbContext() =>
        new(PortalDatabase.Options(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(Folder, "portal.db"), Pooling = false }.ToString()));

    /// <summary>A client that speaks to the API with one of the issued tokens over a single connection, as one client system would.</summary>
    public HttpClient ClientFor(int token)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromMinutes(5),
        };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Tokens[token]);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped with exit code {process.ExitCode}:\n{string.Join('\n', Log)}");
            }

            try
            {
                if ((await http.GetAsync("health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The portal did not become healthy within 120 s:\n{string.Join('\n', Log)}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Tracing(Process trace) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // dotnet-trace stops and writes its file on Ctrl+C.
            using (var interrupt = Process.Start("kill", $"-INT {trace.Id}"))
            {
                await interrupt.WaitForExitAsync();
            }

            await trace.WaitForExitAsync();
            trace.Dispose();
        }
    }

    private sealed class Contexts(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
