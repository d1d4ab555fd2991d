using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace DataRequestPortal.Benchmarking;

/// <summary>
/// A built web app (the portal or an anchor) started as a process of its own on a free loopback port, so its
/// processor time and memory are its own and it is measured the way it runs; killed with its process tree when
/// disposed. Shared by the load programs (each links this file); paths they were built with come from their
/// <see cref="AssemblyMetadataAttribute"/>s.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    // The tail is what explains a failure; unless the caller reads the whole log, the rest would only fill memory.
    private const int KeptLogCharacters = 64_000;

    // USER_HZ, which Linux has kept at 100 on every architecture it runs .NET on.
    private const int ClockTicksPerSecond = 100;

    private readonly Process process;
    private readonly bool keepWholeLog;
    private readonly List<string> log = [];
    private int logCharacters;

    private ServerProcess(string name, Process process, Uri baseAddress, bool keepWholeLog)
    {
        Name = name;
        this.process = process;
        BaseAddress = baseAddress;
        this.keepWholeLog = keepWholeLog;
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public int ProcessId => process.Id;

    /// <summary>Processor time the process has used so far, on all cores.</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Of <see cref="ProcessorTime"/>, the part spent in the operating system's kernel on the process's behalf.</summary>
    public TimeSpan KernelProcessorTime
    {
        get
        {
            process.Refresh();
            return process.PrivilegedProcessorTime;
        }
    }

    /// <summary>What the process wrote so far, line by line (only the last part unless started with <c>keepWholeLog</c>).</summary>
    public IReadOnlyList<string> LogLines
    {
        get
        {
            lock (log)
            {
                return [.. log];
            }
        }
    }

    /// <summary>What the process wrote so far, for a message when something goes wrong.</summary>
    public string Log => string.Join('\n', LogLines);

    /// <summary>A path this program was built with (see its project file), checked to exist.</summary>
    public static string BuiltPath(string key)
    {
        var path = BuiltValue(key);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new InvalidOperationException($"{path} is not there: build with the same configuration this program runs in (dotnet run -c Release).");
    }

    /// <summary>A value this program was built with (see its project file).</summary>
    public static string BuiltValue(string key) =>
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"No {key} was recorded at build time.");

    /// <summary>Runs <paramref name="dll"/> once with <paramref name="arguments"/> (an operator command) and returns what it printed.</summary>
    public static async Task<string> RunCommandAsync(string dll, string contentRoot, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        using var process = Process.Start(StartInfo(dll, contentRoot, settings, arguments)) ?? throw new InvalidOperationException($"Could not run {dll}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return process.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"{Path.GetFileName(dll)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}{await errors}");
    }

    /// <summary>
    /// Starts <paramref name="dll"/> with <paramref name="settings"/> as environment variables (<c>:</c> as <c>__</c>)
    /// on a free loopback port and waits until <c>/health</c> answers 200.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string dll, string contentRoot, IReadOnlyDictionary<string, string> settings, bool keepWholeLog = false)
    {
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{name} is not built at {dll}; run this program with -c Release.");
        }

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        var info = StartInfo(dll, contentRoot, settings, []);
        info.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var server = new ServerProcess(name, process, baseAddress, keepWholeLog);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

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

    /// <summary>The process's resident set (VmRSS), in bytes: what the operating system holds for it.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kilobytes = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"No VmRSS for process {process.Id}.");
    }

    /// <summary>Why a call failed, with the end of the log when the process has stopped.</summary>
    public Exception Explain(Exception failure) =>
        process.HasExited
            ? new InvalidOperationException($"{Name} stopped with exit code {process.ExitCode}:\n{string.Join('\n', LogLines.TakeLast(60))}", failure)
            : failure;

    /// <summary>
    /// Starts <c>dotnet-trace</c> (a .NET global tool) sampling the process's processor use into <paramref name="file"/>;
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{Name} stopped with exit code {process.ExitCode}:\n{Log}");
            }

            try
            {
                using var health = await http.GetAsync("health");
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or still starting.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Name} did not answer /health within 3 minutes:\n{Log}");
            }

            await Task.Delay(250);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.Add(line);
            logCharacters += line.Length + 1;
            while (!keepWholeLog && logCharacters > KeptLogCharacters && log.Count > 1)
            {
                logCharacters -= log[0].Length + 1;
                log.RemoveAt(0);
            }
        }
    }

    private sealed class Tracing(Process trace) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // dotnet-trace stops and finishes its file on SIGTERM (an interrupt was ignored when it had no terminal).
            using (var interrupt = Process.Start("kill", $"-TERM {trace.Id}"))
            {
                await interrupt.WaitForExitAsync();
            }

            await trace.WaitForExitAsync();
            trace.Dispose();
        }
    }
}
