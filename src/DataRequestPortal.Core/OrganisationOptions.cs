namespace DataRequestPortal.Core;

/// <summary>The <c>Organisation</c> configuration section: who runs this portal.</summary>
public sealed class OrganisationOptions
{
    public const string Section = "Organisation";

    /// <summary>Shown in the app bar, emails and reports.</summary>
    public string Name { get; set; } = "DataRequestPortal";

    /// <summary>The time zone (IANA or Windows id) in which due dates are counted.</summary>
    public string TimeZone { get; set; } = "UTC";
}
