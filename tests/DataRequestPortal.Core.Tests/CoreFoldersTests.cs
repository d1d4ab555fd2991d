using System.Text.RegularExpressions;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests;

/// <summary>
/// Core's folders depend on each other in one direction only, so each can be read, and changed, knowing only what lies
/// below it. The order is written down here and nowhere else; a new folder gets its place in it.
/// </summary>
public partial class CoreFoldersTests
{
    /// <summary>From the bottom up: a folder may use the folders listed before it, never one after it.</summary>
    private static readonly string[] Layers =
    [
        "Requests",    // the request: its subject, lifecycle, legal clock and the status changes it announces
        "Audit",       // who did what, when
        "Email",       // handing mail to the server or the pickup folder
        "Identity",    // staff and subject accounts, sign-in sessions and throttles
        "Sources",     // where the organisation keeps data and how each kind is read
        "Collection",  // gathering a request's data from its sources into one result
        "Api",         // API clients' tokens and the requests they file and read
        "Notices",     // what a data subject reads: page texts and every email they receive
        "Delivery",    // sending results and notices on, with retries; signed download links
        "SelfService", // the subject's own sign-in and requests
        "Export",      // the readable PDF report of a result
        "Review",      // withholding and redacting a collected result before it is released
        "Downloads",   // handing results out, to whoever may have them
        "Dashboard",   // what the staff pages read about a request, from every folder below
    ];

    /// <summary>
    /// Data holds the one database context: its model names every folder's entities, and every folder queries through it
    /// (EF Core used directly), so it stands beside the layers rather than in them.
    /// </summary>
    private const string Database = "Data";

    /// <summary>The one file in Core's root that registers every folder; the root's other files use no folder at all.</summary>
    private const string CompositionRoot = "CoreServiceCollectionExtensions.cs";

    private static readonly string CoreRoot = Path.Combine(Repository.Root, "src", "DataRequestPortal.Core");

    [Fact]
    public void EveryFolder_UsesOnlyFoldersBelowIt()
    {
        var wrongWay = new List<string>();
        foreach (var file in CoreSources())
        {
            var folder = FolderOf(file);
            if (folder == Database || (folder is null && Path.GetFileName(file) == CompositionRoot))
            {
                continue;
            }

            foreach (var used in FoldersUsedBy(file).Where(u => u != folder && u != Database))
            {
                if (folder is null || Array.IndexOf(Layers, used) > Array.IndexOf(Layers, folder))
                {
                    wrongWay.Add($"{folder ?? "(root)"} uses {used}: {Path.GetRelativePath(CoreRoot, file)}");
                }
            }
        }

        Assert.True(wrongWay.Count == 0, "Dependencies against the direction of Core's layers:\n" + string.Join("\n", wrongWay.Distinct()));
    }

    [Fact]
    public void EveryFolder_HasItsPlaceInTheLayers()
    {
        var folders = CoreSources().Select(FolderOf).OfType<string>().Distinct().Where(f => f != Database);

        Assert.Empty(folders.Except(Layers));
    }

    [Fact]
    public void EveryFile_DeclaresTheNamespaceOfItsFolder()
    {
        // A file whose namespace differs from its folder would hide its dependencies from the check above.
        var misplaced = CoreSources()
            .Where(file => NamespaceOf(file) != ExpectedNamespace(file))
            .Select(file => Path.GetRelativePath(CoreRoot, file));

        Assert.Empty(misplaced);
    }

    [Fact]
    public void TheCheck_SeesAUsingAgainstTheDirection()
    {
        var file = Path.Combine(CoreRoot, "Requests", "DataRequest.cs");

        Assert.Equal("Requests", FolderOf(file));
        Assert.Contains("Collection", FoldersUsed("using DataRequestPortal.Core.Collection;\nnamespace DataRequestPortal.Core.Requests;"));
        Assert.Contains("Sources", FoldersUsed("var x = new DataRequestPortal.Core.Sources.Http.HttpSource();"));
    }

    private static IEnumerable<string> CoreSources() =>
        Directory.EnumerateFiles(CoreRoot, "*.cs", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(CoreRoot, f).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    private static string? FolderOf(string file)
    {
        var parts = Path.GetRelativePath(CoreRoot, file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    private static string ExpectedNamespace(string file)
    {
        var folders = Path.GetDirectoryName(Path.GetRelativePath(CoreRoot, file))!
            .Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        return string.Join('.', new[] { "DataRequestPortal.Core" }.Concat(folders));
    }

    private static string? NamespaceOf(string file) => NamespaceDeclaration().Match(File.ReadAllText(file)) is { Success: true } m ? m.Groups[1].Value : null;

    private static IEnumerable<string> FoldersUsedBy(string file) => FoldersUsed(NamespaceDeclaration().Replace(File.ReadAllText(file), ""));

    /// <summary>Every Core folder a source names, by a <c>using</c> or a qualified name.</summary>
    private static HashSet<string> FoldersUsed(string source) =>
        CoreReference().Matches(NamespaceDeclaration().Replace(source, "")).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"^namespace ([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bDataRequestPortal\.Core\.(\w+)")]
    private static partial Regex CoreReference();
}
