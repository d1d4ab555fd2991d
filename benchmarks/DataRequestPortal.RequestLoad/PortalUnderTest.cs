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
    private readonly ServerProcess server;

    private PortalUnderTest(ServerProcess server, string folder, IReadOnlyList<string> tokens)
    {
        this.server = server;
        Folder = folder;
        Tokens = tokens;
    }

    public Uri BaseAddress => server.BaseAddress;

    public int ProcessId => server.ProcessId;

    public string Folder { get; }

    public string ResultsFolder => Path.Combine(Folder, "results");

    public IReadOnlyList<string> Tokens { get; }

    /// <summary>Processor time the portal has used so far, on all cores.</summary>
    public TimeSpan ProcessorTime => server.ProcessorTime;

    /// <summary>Of <see cref="ProcessorTime"/>, the part the kernel spent on the portal's behalf (its syscalls: sockets, files, syncs).</summary>
    public TimeSpan KernelProcessorTime => server.KernelProcessorTime;

    /// <summary>The portal's standard output and error so far.</summary>
    public IReadOnlyList<string> Log => server.LogLines;

    public static string BuiltPortal { get; } = ServerProcess.BuiltValue("PortalWebDll");

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

        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
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

        // The whole log: the profile reads every command the portal logged.
        var server = await ServerProcess.StartAsync("The portal", portalDll, Path.GetDirectoryName(portalDll)!, environment, keepWholeLog: true);
        return new PortalUnderTest(server, folder, tokens);
    }

    /// <summary>
    /// Waits until the portal has used less than a twentieth of a core for a second: its background work (reports,
    /// deliveries, copying the database's log) is done. Throws after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitUntilIdleAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var quiet = 0;
        while (quiet < 2)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The portal was still working after {timeout.TotalMinutes} minutes.");
            }

            var before = ProcessorTime;
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            quiet = ProcessorTime - before < TimeSpan.FromMilliseconds(25) ? quiet + 1 : 0;
        }
    }

    /// <summary>Why a call failed, with the end of the portal's log when the portal has stopped.</summary>
    public Exception Explain(Exception failure) => server.Explain(failure);

    /// <summary>Samples the portal's processor use into <paramref name="file"/> with <c>dotnet-trace</c>; disposing the result writes the file.</summary>
    public Task<IAsyncDisposable> TraceAsync(string file) => server.TraceAsync(file);

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
        await server.DisposeAsync();
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

    private sealed class Contexts(DbContextOptions<PortalDbContext> options) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => new(options);
    }
}
