using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace DataRequestPortal.ApiLoad;

/// <summary>
/// The portal's Release build with the development settings on a fresh SQLite database, an API token made with its
/// own <c>create-token</c> command, and one request that token filed through the API and the portal collected.
/// </summary>
public sealed class PortalUnderLoad : IAsyncDisposable
{
    private readonly string dataDirectory;

    private PortalUnderLoad(ServerProcess server, string dataDirectory, string token, long requestId)
    {
        Server = server;
        this.dataDirectory = dataDirectory;
        Token = token;
        RequestId = requestId;
    }

    public ServerProcess Server { get; }

    public string Token { get; }

    public long RequestId { get; }

    /// <summary>The call under load: the status of the token's own, completed request.</summary>
    public Uri StatusUrl => new(Server.BaseAddress, $"v2/datarequest/{RequestId.ToString(CultureInfo.InvariantCulture)}/status");

    public static async Task<PortalUnderLoad> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "drp-api-load", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings:Portal"] = $"Data Source={Path.Combine(dataDirectory, "portal.db")}",
            ["DataProtection:KeysPath"] = Path.Combine(dataDirectory, "keys"),
            ["Results:Path"] = Path.Combine(dataDirectory, "results"),
            ["Email:PickupDirectory"] = Path.Combine(dataDirectory, "mail"),
            ["Logging:LogLevel:Default"] = "Warning",

            // The collector stays idle while the API is measured: no twelve weeks of demo requests to collect.
            ["Seed:DemoRequests"] = "false",

            // The development settings' paper archive is a manual source: its requests would wait for a person.
            ["Sources:Manual:0:Enabled"] = "false",

            // Every call is still counted against the token; one client simply may make this many.
            ["Api:RateLimit:ReadsPerMinute"] = "100000000",
        };

        // With a Redis server named, the portal counts its rate limits there, as several instances would.
        if (Environment.GetEnvironmentVariable("API_LOAD_REDIS") is { Length: > 0 } redis)
        {
            settings["Redis:Configuration"] = redis;
        }

        var dll = ServerProcess.BuiltPath("PortalDll");
        var contentRoot = ServerProcess.BuiltPath("PortalContentRoot");
        var created = await ServerProcess.RunCommandAsync(dll, contentRoot, settings, "create-token", "--name", "CRM");
        var token = created.Split('\n').Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("drp_", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"create-token printed no token:\n{created}");

        var server = await ServerProcess.StartAsync("The portal", dll, contentRoot, settings);
        try
        {
            using var api = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
            api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var id = await FileAsync(api, "jane.doe@example.com");
            await WaitUntilAvailableAsync(api, id, server);
            return new PortalUnderLoad(server, dataDirectory, token, id);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
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

    private static async Task<long> FileAsync(HttpClient api, string email)
    {
        using var response = await api.PostAsync("v2/datarequest", new FormUrlEncodedContent([new("email", email)]));
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return long.Parse(body.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAvailableAsync(HttpClient api, long id, ServerProcess server)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            var status = await api.GetFromJsonAsync<JsonElement>($"v2/datarequest/{id}/status");
            if (status.GetProperty("status").GetString() == "available")
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Request {id} was not collected within 5 minutes:\n{server.Log}");
            }

            await Task.Delay(200);
        }
    }
}
