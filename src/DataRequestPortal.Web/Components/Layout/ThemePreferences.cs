namespace DataRequestPortal.Web.Components.Layout;

/// <summary>
/// The light/dark choice is kept in a cookie so the first, server-rendered paint already has the right
/// colours (a class on the body picks the palette); without a choice the portal follows the operating system.
/// </summary>
public static class ThemePreferences
{
    public const string CookieName = "drp-theme";
    public const string Light = "light";
    public const string Dark = "dark";

    public static string? Read(string? cookieValue) => cookieValue switch
    {
        Light => Light,
        Dark => Dark,
        _ => null,
    };

    /// <summary>The class every page puts on the body (it picks the palette); none means "follow the system".</summary>
    public static string BodyClass(string? preference) => preference switch
    {
        Light => "theme-light",
        Dark => "theme-dark",
        _ => "",
    };
}
