using MudBlazor;

namespace DataRequestPortal.Web.Components.Layout;

/// <summary>The portal's colours; wwwroot-assets/css/portal.css repeats them for the plain-HTML account pages.</summary>
public static class PortalTheme
{
    private const string DarkText = "#0e1318";

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
            Warning = "#8c5300",
            Error = "#c62828",
            Info = "#0277bd",
            // MudBlazor's greys (60% and 38% black) fall just under 4.5:1 on the page background.
            TextSecondary = "#5f6368",
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
            Error = "#f47c7a",
            Info = "#4fc3f7",

            // The dark theme's colours are light, so text on them is dark (white on them stays under 3:1).
            PrimaryContrastText = DarkText,
            SecondaryContrastText = DarkText,
            TertiaryContrastText = DarkText,
            SuccessContrastText = DarkText,
            WarningContrastText = DarkText,
            ErrorContrastText = DarkText,
            InfoContrastText = DarkText,
        },
        LayoutProperties = new LayoutProperties
        {
            DefaultBorderRadius = "6px",
            DrawerWidthLeft = "248px",
        },
    };
}
