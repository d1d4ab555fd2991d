using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources.Manual;

/// <summary>
/// A system the portal cannot query, searched by a person (<c>Sources:Manual:N</c>): every request it serves becomes a task
/// for <see cref="Assignee"/>, who uploads what they found or attests that there was nothing.
/// </summary>
public sealed class ManualSourceOptions : ConfiguredSourceOptions
{
    public const string Kind = "Manual";

    /// <summary>False keeps the source configured but makes no tasks of it (and leaves it out of results).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>What to search and how, for the assignee; shown with the task.</summary>
    public string Instructions { get; set; } = "";

    /// <summary>A staff member's email address, or a role (<c>Officer</c> or <c>Admin</c>) whose members are all told.</summary>
    public string Assignee { get; set; } = "";

    /// <summary>The category uploaded records go into (their <c>type</c> when they bring none).</summary>
    public SourceCategoryOptions Category { get; set; } = new() { Name = "record", Description = "Records found by hand" };

    public SourceDescription Describe() => Describe([Category.Describe(), ManualSource.FileCategory]);

    public override void Validate(string path, ICollection<string> problems)
    {
        base.Validate(path, problems);
        if (string.IsNullOrWhiteSpace(Instructions))
        {
            problems.Add($"{path}:Instructions is missing; say what to search and how, for the person who does it.");
        }

        if (string.IsNullOrWhiteSpace(Assignee))
        {
            problems.Add($"{path}:Assignee is missing; give a staff member's email address or a role ({PortalRoles.Officer} or {PortalRoles.Admin}).");
        }
        else if (!IsRole(Assignee) && !EmailAddresses.IsValid(Assignee.Trim()))
        {
            problems.Add($"{path}:Assignee '{Assignee}' is neither an email address nor a role ({PortalRoles.Officer} or {PortalRoles.Admin}).");
        }

        if (string.IsNullOrWhiteSpace(Category.Name))
        {
            problems.Add($"{path}:Category:Name is missing.");
        }
        else if (string.Equals(Category.Name.Trim(), ManualSource.FileCategory.Name, StringComparison.Ordinal))
        {
            problems.Add($"{path}:Category:Name may not be '{ManualSource.FileCategory.Name}': uploaded files have that category.");
        }
    }

    /// <summary>The assignee as stored with a task: a role by its name, an address in its canonical form.</summary>
    public string AssigneeName() =>
        IsRole(Assignee) ? (string.Equals(Assignee.Trim(), PortalRoles.Admin, StringComparison.OrdinalIgnoreCase) ? PortalRoles.Admin : PortalRoles.Officer)
        : EmailAddresses.TryCanonicalize(Assignee.Trim(), out var canonical, out _) ? canonical : Assignee.Trim();

    public static bool IsRole(string assignee) =>
        string.Equals(assignee.Trim(), PortalRoles.Officer, StringComparison.OrdinalIgnoreCase)
        || string.Equals(assignee.Trim(), PortalRoles.Admin, StringComparison.OrdinalIgnoreCase);
}
