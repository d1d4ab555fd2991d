using System.Net;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Live;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>The real portal on a fresh SQLite file of its own, with a known first admin.</summary>
public sealed partial class PortalFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@test.example";
    public const string AdminPassword = "Test-Admin-Pass-1";

    public PortalFactory()
    {
        Directory.CreateDirectory(DataDirectory);
    }

    public string DataDirectory { get; } = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));

    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    /// <summary>The hosting environment; outside Development the portal runs with its production defaults.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Further settings for this instance, applied over the defaults below.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={DatabasePath}");
        builder.UseSetting("DataProtection:KeysPath", Path.Combine(DataDirectory, "keys"));
        builder.UseSetting("Seed:AdminEmail", AdminEmail);
        builder.UseSetting("Seed:AdminPassword", AdminPassword);
        builder.UseSetting("Results:Path", Path.Combine(DataDirectory, "results"));
        builder.UseSetting("Email:PickupDirectory", Path.Combine(DataDirectory, "mail"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Seed:DemoRequests", "false");

        // Collected requests complete at once unless a test turns review on.
        builder.UseSetting("Review:Required:Staff", "false");
        builder.UseSetting("Review:Required:SelfService", "false");
        // The development settings' demo manual source would hold every request for its task.
        builder.UseSetting("Sources:Manual:0:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFilter>());
    }

    /// <summary>The process's relay of request changes through Redis, when a Redis connection is set.</summary>
    public RedisStatusRelay RedisRelay => Services.GetServices<IHostedService>().OfType<RedisStatusRelay>().Single();

    /// <summary>Whether the portal runs on a real Kestrel server (<see cref="StartOnKestrel"/>) rather than in memory.</summary>
    public bool OnKestrel { get; private set; }

    /// <summary>
    /// Runs the portal on Kestrel on a free loopback port, with the settings made so far, for what the in-memory server
    /// does not do as a server would: raw request targets, Kestrel's header rules, calls from a network address.
    /// </summary>
    public void StartOnKestrel()
    {
        UseKestrel(0);
        StartServer();
        OnKestrel = true;
    }

    /// <summary>Gives a test's call the client address it names, before any of the portal's own middleware runs.</summary>
    private sealed class ClientAddressFilter : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                await nextMiddleware(context);
            });
            next(app);
        };
    }

    /// <summary>
    /// A client that keeps cookies and shows redirects instead of following them; with <paramref name="from"/>, the portal
    /// sees its calls come from that IP address (the test server has no network of its own).
    /// </summary>
    public HttpClient CreateBrowserLikeClient(string? from = null)
    {
        var client = OnKestrel
            ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = new() }) { BaseAddress = ClientOptions.BaseAddress }
            : CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, from);
        }

        return client;
    }

    /// <summary>As <see cref="CreateBrowserLikeClient"/>, with the browser's cookies at hand, for copying them as an attacker would.</summary>
    public (HttpClient Client, CookieContainer Cookies) CreateBrowserWithCookies(string? from = null)
    {
        var cookies = new CookieContainer();
        var client = CreateDefaultClient(new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        if (from is not null)
        {
            client.DefaultRequestHeaders.Add(ClientAddressFilter.Header, from);
        }

        return (client, cookies);
    }

    /// <summary>Creates a staff account with the given role.</summary>
    public async Task CreateStaffAsync(string email, string password, string role)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email.Split('@')[0] };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
    }

    /// <summary>A new staff account with the given role, and a client signed in as it.</summary>
    public async Task<HttpClient> SignedInStaffAsync(string email, string password, string role)
    {
        await CreateStaffAsync(email, password, role);
        var client = CreateBrowserLikeClient();
        Assert.Equal("/", RedirectTarget(await SignInAsync(client, email, password)));
        return client;
    }

    /// <summary>Fills in and posts the sign-in form the way a browser does.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password, string? returnUrl = null)
    {
        var path = returnUrl is null ? "/Account/Login" : $"/Account/Login?ReturnUrl={Uri.EscapeDataString(returnUrl)}";
        var token = await AntiforgeryTokenAsync(client, path);
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }

    /// <summary>Where a redirect leads, as a path on this site; fails the test if it leads to another site.</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("A redirect without a Location header.");
        if (!location.IsAbsoluteUri)
        {
            Assert.StartsWith("/", location.OriginalString);
            Assert.False(location.OriginalString.StartsWith("//", StringComparison.Ordinal), location.OriginalString);
            return location.OriginalString;
        }

        Assert.Equal("localhost", location.Host);
        return location.PathAndQuery;
    }

    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var page = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        var match = AntiforgeryField().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {path}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp folder's own clean-up.
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
