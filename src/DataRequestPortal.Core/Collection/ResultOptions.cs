using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Collection;

/// <summary>Where results are kept and for how long (configuration section <c>Results</c>).</summary>
public sealed class ResultOptions
{
    public const string Section = "Results";

    /// <summary>Where results are kept: the folder <see cref="Path"/> (the default) or an Azure Blob Storage container.</summary>
    public ResultStoreKind Store { get; set; } = ResultStoreKind.Folder;

    /// <summary>
    /// The folder for result documents; relative paths are under the content root. Never a web root. With the Azure Blob
    /// store, only this process's work files while it collects or writes a document.
    /// </summary>
    public string Path { get; set; } = "App_Data/results";

    /// <summary>The container when <see cref="Store"/> is <see cref="ResultStoreKind.AzureBlob"/>.</summary>
    public ResultBlobOptions AzureBlob { get; set; } = new();

    /// <summary>Days a completed result is kept before it is deleted and the request becomes Expired.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>Days a self-service request may wait for its address to be verified before it is closed.</summary>
    public int UnverifiedDays { get; set; } = 7;

    /// <summary>Minutes between clean-up runs.</summary>
    public double SweepMinutes { get; set; } = 5;

    public TimeSpan Retention => TimeSpan.FromDays(RetentionDays);

    /// <summary>What is wrong with the store's settings, or null when they will do.</summary>
    public string? StoreProblem()
    {
        if (string.IsNullOrWhiteSpace(Path))
        {
            return "Results:Path is empty.";
        }

        if (Store != ResultStoreKind.AzureBlob)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(AzureBlob.ConnectionString))
        {
            return "Results:Store is AzureBlob but Results:AzureBlob:ConnectionString is empty; set it to the storage account's connection string.";
        }

        return ResultBlobOptions.IsContainerName(AzureBlob.Container)
            ? null
            : $"Results:AzureBlob:Container '{AzureBlob.Container}' is not a container name: 3 to 63 lower-case letters, digits and single hyphens, starting and ending with a letter or digit.";
    }
}

public enum ResultStoreKind
{
    /// <summary>The folder <c>Results:Path</c>, shared by every portal process.</summary>
    Folder,

    /// <summary>A private Azure Blob Storage container (<c>Results:AzureBlob</c>).</summary>
    AzureBlob,
}

/// <summary>The Azure Blob Storage container for results (configuration section <c>Results:AzureBlob</c>).</summary>
public sealed class ResultBlobOptions
{
    /// <summary>The storage account's connection string (a secret: keep it in an environment variable or a secret store).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The container; made, private, when it is missing.</summary>
    public string Container { get; set; } = "datarequest-results";

    public static bool IsContainerName(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
        && name[0] != '-' && name[^1] != '-' && !name.Contains("--", StringComparison.Ordinal);
}

/// <summary>Refuses to start with a store that cannot work, saying which setting is wrong.</summary>
internal sealed class ResultStoreSettings : IValidateOptions<ResultOptions>
{
    public ValidateOptionsResult Validate(string? name, ResultOptions options) =>
        options.StoreProblem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
