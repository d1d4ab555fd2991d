using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace DataRequestPortal.ApiLoad;

/// <summary>A built web app run as a process of its own on a free loopback port, stopped (with its children) when disposed.</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>CPU time the process has used so far (user and system), from <c>/proc</c>; null where there is none.</summary>
    public TimeSpan? CpuTime()
    {
        var stat = $"/proc/{process.Id}/stat";
        if (!File.Exists(stat))
        {
            return null;
        }

        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 14th and 15th.
        var text = File.ReadAllText(stat);
        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / (double)ClockTicksPerSecond);
    }

    /// <summary>What the process wrote so far, for a message when something goes wrong.</summary>
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

    /// <summary>A path this program was built with (see the project file), checked to exist.</summary>
    public static string BuiltPath(string key)
    {
        var path = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is not there: build with the same configuration this program runs in (dotnet run -c Release).");
    }

    public static string BuiltConfiguration() =>
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "Configuration").Value!;

    /// <summary>Runs <paramref name="dll"/> with <paramref name="arguments"/> to its end and returns what it printed.</summary>
    public static async Task<string> RunCommandAsync(string dll, string contentRoot, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(dll, contentRoot, settings, arguments))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await errors}");
    }

    /// <summary>Starts <paramref name="dll"/> and waits until <c>/health</c> answers 200.</summary>
    public static async Task<ServerProcess> StartAsync(string name, string dll, string contentRoot, IReadOnlyDictionary<string, string> settings)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = StartInfo(dll, contentRoot, settings, []);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        var process = Process.Start(info)!;
        var server = new ServerProcess(name, process, baseAddress);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} stopped with exit code {process.ExitCode}:\n{server.Log}");
            }

            try
            {
                using var health = await client.GetAsync("health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new TimeoutException($"{name} did not answer /health within 3 minutes:\n{server.Log}");
            }

            await Task.Delay(250);
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

    private static ProcessStartInfo StartInfo(string dll, string contentRoot, IReadOnlyDictionary<string, string> settings, string[] arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return info;
    }

    // USER_HZ, which Linux has kept at 100 on every architecture it runs .NET on.
    private const int ClockTicksPerSecond = 100;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            // The tail is what explains a failure; the rest would only fill memory during a long run.
            if (log.Length > 64_000)
            {
                log.Remove(0, 32_000);
            }

            log.AppendLine(line);
        }
    }
}
