using MudBlazor;

namespace DataRequestPortal.Web.Components.Layout;

/// <summary>The portal's colours; wwwroot-assets/css/portal.css repeats them for the plain-HTML account pages.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1d4f7c",
            Secondary = "#00796b",
            Tertiary = "#6a4c93",
            AppbarBackground = "#1d4f7c",
            Background = "#f4f6f9",
            DrawerBackground = "#ffffff",
            Success = "#2e7d32",
            Warning = "#b26a00",
            Error = "#c62828",
            Info = "#0277bd",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7fb3e6",
            Secondary = "#4db6ac",
            Tertiary = "#b39ddb",
            AppbarBackground = "#1b2430",
            Background = "#12171e",
            Surface = "#1b2129",
            DrawerBackground = "#161c23",
            Success = "#66bb6a",
            Warning = "#ffb74d",
            Error = "#ef5350",
            Info = "#4fc3f7",
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "248px",
        },
    };
}
