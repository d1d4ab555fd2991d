using DataRequestPortal.Core.Tests.TestSupport;
using System.Diagnostics;
using System.Text.RegularExpressions;
using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Deployment;

/// <summary>
/// No container engine runs here, so the deployment files are checked the way the tools would read them:
/// docker-compose must accept the file, and everything the Dockerfile copies must exist.
/// </summary>
public partial class DockerComposeTests
{
    [Fact]
    public async Task DockerCompose_AcceptsTheFile_WithSqlServerTheMailCatcherAndThePortal()
    {
        var (exitCode, output, error) = await RunAsync("docker-compose", "config");

        Assert.True(exitCode == 0, $"docker-compose config failed: {error}");
        Assert.Contains("image: mcr.microsoft.com/mssql/server:2022", output);
        Assert.Contains("image: axllent/mailpit", output);
        Assert.Contains("dockerfile: src/DataRequestPortal.Web/Dockerfile", output);
        Assert.Contains("Database__Provider: SqlServer", output);
        Assert.Contains("ConnectionStrings__Portal: Server=db;", output);
        Assert.Contains("Email__Mode: Smtp", output);
        Assert.Contains("Email__Smtp__Host: mail", output);
        Assert.Contains("condition: service_healthy", output);
    }

    [Fact]
    public async Task ScaledDockerCompose_AcceptsTheFile_WithTwoWebProcessesAWorkerAStickyProxyAndWhatTheyShare()
    {
        var (exitCode, output, error) = await RunAsync("docker-compose", "-f docker-compose.scaled.yml config");

        Assert.True(exitCode == 0, $"docker-compose config failed: {error}");
        Assert.Equal(2, Regex.Count(output, @"Portal__Roles: web\n"));
        Assert.Equal(1, Regex.Count(output, @"Portal__Roles: worker\n"));
        Assert.Equal(3, Regex.Count(output, "DataProtection__Store: Database"));
        Assert.Equal(3, Regex.Count(output, "Redis__Configuration: redis:6379,password="));
        Assert.Equal(3, Regex.Count(output, "Results__Store: AzureBlob"));
        Assert.Equal(3, Regex.Count(output, "Delivery__LinkKey: "));
        Assert.Contains("image: mcr.microsoft.com/mssql/server:2022", output);
        Assert.Contains("image: redis:", output);
        Assert.Contains("image: mcr.microsoft.com/azure-storage/azurite", output);
        Assert.Contains("image: caddy:", output);

        // Every file the setup mounts from the repository is there, and the proxy's configuration keeps browsers on one process.
        var mounted = MountedFile().Matches(output).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(mounted);
        Assert.All(mounted, path => Assert.True(File.Exists(path), $"docker-compose.scaled.yml mounts '{path}', which is not in the repository."));
        var caddyfile = File.ReadAllText(Path.Combine(Repository.Root, "deploy", "Caddyfile"));
        Assert.Contains("reverse_proxy web1:8080 web2:8080", caddyfile);
        Assert.Contains("lb_policy cookie", caddyfile);
    }

    [Fact]
    public void Dockerfile_CopiesOnlyPathsThatExist_AndPublishesTheWebProject()
    {
        var dockerfile = File.ReadAllText(Path.Combine(Repository.Root, "src", "DataRequestPortal.Web", "Dockerfile"));
        var sources = CopyInstruction().Matches(dockerfile)
            .SelectMany(m => m.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();

        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(Path.Combine(Repository.Root, source)) || Directory.Exists(Path.Combine(Repository.Root, source)),
            $"The Dockerfile copies '{source}', which is not in the repository."));
        Assert.Contains("dotnet publish src/DataRequestPortal.Web/DataRequestPortal.Web.csproj", dockerfile);
        Assert.Contains("ENTRYPOINT [\"dotnet\", \"DataRequestPortal.Web.dll\"]", dockerfile);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string command, string arguments)
    {
        var start = new ProcessStartInfo(command, arguments)
        {
            WorkingDirectory = Repository.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {command}.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new Xunit.Sdk.XunitException($"{command} is not installed; tests/run.sh installs it (Debian package docker-compose).");
        }

        using var _ = process;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"^COPY (?!--from)(.+)$", RegexOptions.Multiline)]
    private static partial Regex CopyInstruction();

    /// <summary>A bind mount in <c>docker-compose config</c>'s output: the repository path it mounts.</summary>
    [GeneratedRegex(@"^\s*- (/[^:\s]+):/[^\s]*$", RegexOptions.Multiline)]
    private static partial Regex MountedFile();
}
