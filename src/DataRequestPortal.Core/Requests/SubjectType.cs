namespace DataRequestPortal.Core.Requests;

/// <summary>What kind of identifier names the data subject; the wire names are the seeds' <c>info.type</c> values.</summary>
public enum SubjectType
{
    Email,
    Profile,
    Subprofile,
}

public static class SubjectTypeNames
{
    public const string Email = "email";
    public const string Profile = "profile";
    public const string Subprofile = "subprofile";

    public static string ToWireName(this SubjectType type) => type switch
    {
        SubjectType.Email => Email,
        SubjectType.Profile => Profile,
        SubjectType.Subprofile => Subprofile,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Unknown subject type."),
    };

    public static bool TryParse(string? name, out SubjectType type)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case Email: type = SubjectType.Email; return true;
            case Profile: type = SubjectType.Profile; return true;
            case Subprofile: type = SubjectType.Subprofile; return true;
            default: type = default; return false;
        }
    }
}
