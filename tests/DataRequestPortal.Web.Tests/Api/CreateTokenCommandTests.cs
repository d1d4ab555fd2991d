using DataRequestPortal.Core.Tests.TestSupport;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public partial class CreateTokenCommandTests
{
    [Fact]
    public async Task RunAsync_WithName_PrintsATokenOnce_ThatCallsTheApi()
    {
        await using var portal = new PortalFactory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CreateTokenCommand.RunAsync(portal.Services, ["--name", "crm"], output, error);

        Assert.Equal(0, exitCode);
        Assert.Equal("", error.ToString());
        Assert.Contains("cannot be shown again", output.ToString());
        var token = Token().Match(output.ToString()).Value;
        var response = await portal.CreateApiClient(token).PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("crm", (await portal.LoadRequestAsync(CreatedId(response))).Timeline[0].ActorName);
    }

    [Theory]
    [InlineData]
    [InlineData("--name")]
    [InlineData("--name", "   ")]
    [InlineData("--name=")]
    [InlineData("crm")]
    [InlineData("--nmae", "crm")]
    [InlineData("--name", "crm", "--extra")]
    public async Task RunAsync_WithoutAUsableName_PrintsUsageAndExits2(params string[] args)
    {
        await using var portal = new PortalFactory();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CreateTokenCommand.RunAsync(portal.Services, args, output, error);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Usage: dotnet DataRequestPortal.Web.dll create-token --name NAME", error.ToString());
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public async Task BuiltApp_CreateToken_MigratesAFreshDatabase_PrintsTheToken_AndExitsWithoutServing()
    {
        var folder = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (exitCode, output, error) = await RunBuiltAppAsync(folder, "create-token", "--name", "crm");

            Assert.True(exitCode == 0, error);
            var token = Token().Match(output).Value;
            Assert.NotEmpty(token);
            Assert.Contains("cannot be shown again", output);
            await using var db = new PortalDbContext(PortalDatabase.Options(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "portal.db")};Pooling=false"));
            var stored = await db.ApiTokens.SingleAsync();
            Assert.Equal("crm", stored.Name);
            Assert.Equal(ApiToken.HashOf(token), stored.TokenHash);
            Assert.Contains($"keyId \"{stored.Id}\" and this secret:{Environment.NewLine}{Environment.NewLine}    {stored.SigningSecret}{Environment.NewLine}", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task BuiltApp_CreateTokenWithoutName_ExitsWithCode2_AndUsageOnStandardError()
    {
        var folder = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var (exitCode, output, error) = await RunBuiltAppAsync(folder, "create-token");

            Assert.Equal(2, exitCode);
            Assert.Contains("Usage: dotnet DataRequestPortal.Web.dll create-token --name NAME", error);
            Assert.DoesNotContain("drp_", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Runs the web project's built DLL as an operator would, with its database and files in <paramref name="folder"/>.</summary>
    private static async Task<(int ExitCode, string Output, string Error)> RunBuiltAppAsync(string folder, params string[] args)
    {
        var configuration = typeof(CreateTokenCommandTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()!.Configuration;
        var dll = Path.Combine(Repository.Root, "src", "DataRequestPortal.Web", "bin", configuration, "net10.0", "DataRequestPortal.Web.dll");
        Assert.True(File.Exists(dll), $"The portal is not built at {dll}.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Portal"] = $"Data Source={Path.Combine(folder, "portal.db")}";
        start.Environment["DataProtection__KeysPath"] = Path.Combine(folder, "keys");
        start.Environment["Results__Path"] = Path.Combine(folder, "results");
        start.Environment["Logging__LogLevel__Default"] = "Warning";

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The command did not exit: did it start the web server?\n" + await output + await error);
        }

        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex("drp_[A-Za-z0-9_-]{43}")]
    private static partial Regex Token();
}
