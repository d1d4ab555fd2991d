using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Data;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// <c>create-token --name NAME</c>: an operator issues an API access token from the command line. The database is
/// brought up to date first; the token is printed once, and only its hash is kept.
/// </summary>
public static class CreateTokenCommand
{
    public const string Name = "create-token";

    /// <summary>Exit code for a command line that does not say what to do.</summary>
    public const int UsageError = 2;

    public const string Usage =
        "Usage: dotnet DataRequestPortal.Web.dll create-token --name NAME\n" +
        "  NAME says who uses the token (for example crm); it appears in the timeline of every request the token files.";

    /// <param name="args">The arguments after the command name.</param>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var name = NameFrom(args);
        if (name is null)
        {
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        if (name.Length > ApiToken.MaxNameLength)
        {
            await error.WriteLineAsync($"The name can be at most {ApiToken.MaxNameLength} characters.");
            await error.WriteLineAsync(Usage);
            return UsageError;
        }

        await services.InitializePortalDatabaseAsync();
        var issued = await services.GetRequiredService<ApiTokens>().IssueAsync(name);

        await output.WriteLineAsync($"API token '{issued.Name}' (id {issued.Id}) created:");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"    {issued.PlainText}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("Copy it now: it is stored only as a hash and cannot be shown again.");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Reports to this client's URLs are signed with keyId \"{issued.Id}\" and this secret:");
        await output.WriteLineAsync();
        await output.WriteLineAsync($"    {issued.SigningSecret}");
        await output.FlushAsync();
        return 0;
    }

    /// <summary>The value of <c>--name NAME</c> or <c>--name=NAME</c>; null when it is missing, blank, or anything else is on the line.</summary>
    private static string? NameFrom(string[] args)
    {
        string? name = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--name" && i + 1 < args.Length && name is null)
            {
                name = args[++i];
            }
            else if (args[i].StartsWith("--name=", StringComparison.Ordinal) && name is null)
            {
                name = args[i]["--name=".Length..];
            }
            else
            {
                return null;
            }
        }

        return string.IsNullOrWhiteSpace(name) ? null : name.Trim();
    }
}
