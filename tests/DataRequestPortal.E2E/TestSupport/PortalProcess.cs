using DataRequestPortal.Core.Identity;
using Microsoft.AspNetCore.Identity;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using MimeKit;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>
/// The built portal, started the way `dotnet run` starts it (Development settings from the repository),
/// on a free port with a database file of its own.
/// </summary>
public sealed class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private PortalProcess(Process process, Uri baseAddress, string dataDirectory)
    {
        this.process = process;
        BaseAddress = baseAddress;
        DataDirectory = dataDirectory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The operating system's id of the portal's process (a collector's lease owner names it).</summary>
    public int ProcessId => process.Id;

    public string DataDirectory { get; }

    public string DatabasePath => Path.Combine(DataDirectory, "portal.db");

    /// <summary>The pickup folder this portal writes its email into (unless a test's settings moved it).</summary>
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    /// <summary>The first admin as appsettings.Development.json seeds it: what a newcomer signs in with.</summary>
    public static (string Email, string Password) DevelopmentAdmin()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot, "appsettings.Development.json")));
        var seed = settings.RootElement.GetProperty("Seed");
        return (seed.GetProperty("AdminEmail").GetString()!, seed.GetProperty("AdminPassword").GetString()!);
    }

    /// <summary>Starts the portal; <paramref name="settings"/> (configuration keys such as <c>Collection:Enabled</c>) go over the development defaults.</summary>
    /// <param name="dataDirectory">A folder an earlier, killed process used, to start over its database and results; a fresh one by default.</param>
    public static async Task<PortalProcess> StartAsync(IReadOnlyDictionary<string, string>? settings = null, string? dataDirectory = null)
    {
        var dll = Metadata("PortalWebDll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The portal is not built at {dll}.");
        }

        dataDirectory ??= Path.Combine(Path.GetTempPath(), "drp-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDirectory);
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var start = new ProcessStartInfo("dotnet", $"\"{dll}\"")
        {
            WorkingDirectory = Metadata("PortalWebProject"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(dataDirectory, "portal.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(dataDirectory, "keys");
        start.Environment["Results__Path"] = Path.Combine(dataDirectory, "results");
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Seed__DemoRequests"] = "false";
        start.Environment["Sources__Manual__0__Enabled"] = "false";

        // Collected requests complete at once unless a test turns review on.
        start.Environment["Review__Required__Staff"] = "false";
        start.Environment["Review__Required__SelfService"] = "false";

        // Mail goes into this portal's own folder (read back with ReadCodeMailAsync), and its links point at this portal.
        start.Environment["Email__PickupDirectory"] = Path.Combine(dataDirectory, "mail");
        start.Environment["Portal__PublicUrl"] = baseAddress.ToString().TrimEnd('/');
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        var portal = new PortalProcess(process, baseAddress, dataDirectory);
        process.OutputDataReceived += (_, e) => portal.Append(e.Data);
        process.ErrorDataReceived += (_, e) => portal.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await portal.WaitUntilHealthyAsync();
        return portal;
    }

    /// <summary>A context on the portal's own database, to arrange data the way other channels would.</summary>
    public PortalDbContext CreateDbContext() => new(DatabaseOptions);

    /// <summary>Creates a staff account in this portal's database, as an administrator would.</summary>
    public async Task CreateStaffAsync(string email, string password, string role)
    {
        await using var db = CreateDbContext();
        var user = new PortalUser
        {
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            EmailConfirmed = true,
            DisplayName = email.Split('@')[0],
            SecurityStamp = Guid.NewGuid().ToString("N"),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        user.PasswordHash = new PasswordHasher<PortalUser>().HashPassword(user, password);
        db.Users.Add(user);
        var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync();
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
        await db.SaveChangesAsync();
    }

    public IDbContextFactory<PortalDbContext> DbContextFactory() => new PooledDbContextFactory<PortalDbContext>(DatabaseOptions);

    private DbContextOptions<PortalDbContext> DatabaseOptions => PortalDatabase.Options(DatabaseProvider.Sqlite, $"Data Source={DatabasePath}");

    /// <summary>Waits until a request in this portal's database meets <paramref name="condition"/>; fails with the portal's log after a minute and a half.</summary>
    public async Task<DataRequest> WaitForRequestAsync(long id, Func<DataRequest, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = CreateDbContext();
            var request = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery().AsNoTracking().SingleAsync(r => r.Id == id);
            if (condition(request))
            {
                return request;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Request {id} is still {request.State}.\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// The newest sign-in code mail the portal wrote for <paramref name="address"/>; waits up to twenty seconds for one
    /// to arrive, then fails with the portal's log.
    /// </summary>
    public async Task<CodeMail> ReadCodeMailAsync(string address) =>
        CodeMail.TryParse(await WaitForMailAsync(address, mail => CodeMail.TryParse(mail) is not null))!;

    /// <summary>The newest mail to <paramref name="address"/> that meets <paramref name="condition"/>; waits up to twenty seconds for one.</summary>
    public async Task<SentMail> WaitForMailAsync(string address, Func<SentMail, bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (MailsTo(address).FirstOrDefault(condition) is { } mail)
            {
                return mail;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No such mail for {address} in {MailDirectory}.\n{Log}");
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The mail the portal wrote to <paramref name="address"/>, newest first, decoded by MimeKit (so quoted-printable and line wrapping are undone).</summary>
    public IReadOnlyList<SentMail> MailsTo(string address)
    {
        var mails = new List<SentMail>();
        if (!Directory.Exists(MailDirectory))
        {
            return mails;
        }

        // Named by the time of writing, to the millisecond: the newest comes last.
        foreach (var path in Directory.GetFiles(MailDirectory, "*.eml").Order(StringComparer.Ordinal).Reverse())
        {
            using var message = MimeMessage.Load(path);
            if (message.To.Mailboxes.Any(to => string.Equals(to.Address, address, StringComparison.OrdinalIgnoreCase)))
            {
                mails.Add(new SentMail(message.Subject ?? "", message.TextBody ?? "", message.HtmlBody ?? "", message.Headers["X-DataRequest-Id"]));
            }
        }

        return mails;
    }

    /// <summary>Ends the process the hard way, as a crash or a power cut would; its folder stays for a successor.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
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

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The portal stopped with exit code {process.ExitCode}:\n{Log}");
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

        throw new TimeoutException($"The portal did not become healthy within 90 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Metadata(string key) =>
        typeof(PortalProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value
        ?? throw new InvalidOperationException($"No {key} was recorded at build time.");
}
