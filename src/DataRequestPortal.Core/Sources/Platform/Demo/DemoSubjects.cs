namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>
/// The people in the development demo set worth asking about. Their ids are fixed because the set is only
/// written into an empty store, people with a story first.
/// </summary>
public static class DemoSubjects
{
    public const int DevelopmentProfiles = 300;

    /// <summary>Profile 1 with subprofiles 1 (an order) and 2 (a membership): two years of mails, opens, clicks and surveys.</summary>
    public const string JaneDoe = "jane.doe@example.com";

    public const int JaneDoeProfile = 1;

    public const int JaneDoeMessages = 48;

    /// <summary>Another person, copied on Jane's two event invitations: third-party data for a reviewer to withhold.</summary>
    public static readonly (string Name, string Address) JaneDoeGuest = ("Tom Berg", "tom.berg@example.org");

    /// <summary>Profile 2; its membership (subprofile 4) has an address of its own.</summary>
    public const string MohammedElAmrani = "m.elamrani@example.net";

    public const int MohammedProfile = 2;

    public const int MohammedMembershipSubprofile = 4;

    public const string MohammedWorkAddress = "mohammed.elamrani@work.example.org";

    public const int MohammedMembershipMessages = 12;

    /// <summary>Profile 3: a name with accents, written as encoded words in the MIME headers.</summary>
    public const string ZoeMuller = "zoe.muller@example.com";

    /// <summary>Filled in two surveys without ever subscribing: survey answers only.</summary>
    public const string SurveyOnlyVisitor = "p.jansen@example.net";

    /// <summary>Nothing is stored about this address: every category comes back empty.</summary>
    public const string Unknown = "nobody@example.com";
}
