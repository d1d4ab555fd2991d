using DataRequestPortal.Core.Sources;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Sources;

/// <summary>The configured sources with their categories and Art. 15(1) facts, and a connection test for each that has one.</summary>
public partial class SourceList
{
    private readonly HashSet<string> testing = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SourceCheckResult> results = new(StringComparer.OrdinalIgnoreCase);

    [Inject]
    private SourceCatalog Catalog { get; set; } = default!;

    [Inject]
    private SourceChecks Checks { get; set; } = default!;

    [Inject]
    private AdminConfirmation Admin { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task TestAsync(string key)
    {
        var actor = await Admin.ConfirmAsync();
        if (actor is null)
        {
            Snackbar.Add(AdminConfirmation.Refused, Severity.Error);
            return;
        }

        testing.Add(key);
        try
        {
            // The outcome shows on the source's card, where the admin looks; no snackbar repeats it.
            results[key] = await Checks.CheckAsync(key, actor);
        }
        finally
        {
            testing.Remove(key);
        }
    }

    private static string KindLabel(IDataSource source) => source switch
    {
        Core.Sources.Platform.PlatformStoreSource => "Portal database",
        Core.Sources.Sql.SqlSource => "SQL database",
        Core.Sources.Http.HttpSource => "HTTP service",
        Core.Sources.Upstream.UpstreamSource => "Datarequest API",
        Core.Sources.Manual.ManualSource manual => $"Searched by hand · {manual.Assignee}",
        _ => "Source",
    };

    private static string KindIcon(IDataSource source) => source switch
    {
        Core.Sources.Platform.PlatformStoreSource => Icons.Material.Filled.Inventory2,
        Core.Sources.Sql.SqlSource => Icons.Material.Filled.Storage,
        Core.Sources.Http.HttpSource => Icons.Material.Filled.Http,
        Core.Sources.Upstream.UpstreamSource => Icons.Material.Filled.CloudSync,
        Core.Sources.Manual.ManualSource => Icons.Material.Filled.PersonSearch,
        _ => Icons.Material.Filled.Source,
    };

    private static IReadOnlyList<string> Stated(string? text) => string.IsNullOrWhiteSpace(text) ? [] : [text];

    private static string Milliseconds(TimeSpan duration) => $"{duration.TotalMilliseconds:N0} ms";
}
