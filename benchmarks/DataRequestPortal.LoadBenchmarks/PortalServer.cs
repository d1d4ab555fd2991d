using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>
/// The portal built in Release, started with the development settings (the seeded administrator, the API over plain
/// HTTP on loopback) and a database of its own, and an API token made with its own operator command.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly string dataDirectory;

    private PortalServer(ServerProcess server, string dataDirectory, string token)
    {
        Server = server;
        this.dataDirectory = dataDirectory;
        Token = token;
        Api = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public ServerProcess Server { get; }

    /// <summary>An API token the portal made for this run.</summary>
    public string Token { get; }

    /// <summary>Calls the portal's REST API with <see cref="Token"/>.</summary>
    public HttpClient Api { get; }

    public static (string Email, string Password) Administrator()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(ServerProcess.BuiltPath("RepositoryRoot"), "appsettings.Development.json")));
        var seed = settings.RootElement.GetProperty("Seed");
        return (seed.GetProperty("AdminEmail").GetString()!, seed.GetProperty("AdminPassword").GetString()!);
    }

    /// <param name="demoRequests">Whether the portal files its twelve weeks of demo requests at start-up.</param>
    public static async Task<PortalServer> StartAsync(bool demoRequests)
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "drp-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(dataDirectory, "portal.db")}",
            ["DataProtection:KeysPath"] = Path.Combine(dataDirectory, "keys"),
            ["Results:Path"] = Path.Combine(dataDirectory, "results"),
            ["Email:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",
            ["Seed:DemoRequests"] = demoRequests ? "true" : "false",

            // The development settings' paper archive is a manual source: its requests would wait for a person.
            ["Sources:Manual:0:Enabled"] = "false",

            // The load comes from one client and one token; the limits are measured elsewhere.
            ["Api:RateLimit:FilingsPerMinute"] = "1000000",
            ["Api:RateLimit:ReadsPerMinute"] = "1000000",
        };
        var dll = ServerProcess.BuiltPath("PortalWebDll");
        var contentRoot = ServerProcess.BuiltPath("PortalWebProject");
        var created = await ServerProcess.RunCommandAsync(dll, contentRoot, settings, "create-token", "--name", "Load benchmark");
        var token = created.Split('\n').Select(line => line.Trim()).SkipWhile(line => !line.StartsWith("API token", StringComparison.Ordinal))
            .Skip(1).First(line => line.Length > 0);
        var server = await ServerProcess.StartAsync("The portal", dll, contentRoot, settings);
        return new PortalServer(server, dataDirectory, token);
    }

    /// <summary>Files a request for <paramref name="email"/> through the API; returns its id.</summary>
    public async Task<long> FileAsync(string email)
    {
        using var response = await Api.PostAsync("v1/datarequest", new FormUrlEncodedContent([new("email", email)]));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return long.Parse(body.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits until the API reports every one of <paramref name="ids"/> available (collected and completed).</summary>
    public async Task WaitUntilAvailableAsync(IEnumerable<long> ids)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        foreach (var id in ids)
        {
            while (true)
            {
                var status = await Api.GetFromJsonAsync<JsonElement>($"v1/datarequest/{id}/status");
                if (status.GetProperty("status").GetString() == "available")
                {
                    break;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"Request {id} was not collected within 5 minutes.\n{Server.Log}");
                }

                await Task.Delay(200);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Server.DisposeAsync();
        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }
}
