using DataRequestPortal.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Layout;

/// <summary>The staff frame: app bar with the theme switch and account menu, and the navigation drawer.</summary>
public partial class MainLayout : IDisposable
{
    private MudThemeProvider? themeProvider;
    private bool drawerOpen = true;
    private bool isDarkMode;
    private bool followSystem = true;
    private string currentUrl = "";

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;

    [CascadingParameter(Name = ThemePreferences.CascadingName)]
    private string? ThemePreference { get; set; }

    protected override void OnInitialized()
    {
        followSystem = ThemePreference is null;
        isDarkMode = ThemePreference == ThemePreferences.Dark;
        currentUrl = Navigation.ToBaseRelativePath(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // Rendering the layout again renders every component in it again, and each then keeps a second render buffer.
        if (followSystem && themeProvider is not null && await themeProvider.GetSystemDarkModeAsync() is var systemDark && systemDark != isDarkMode)
        {
            isDarkMode = systemDark;
            StateHasChanged();
        }
    }

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        followSystem = false;
        await JS.InvokeVoidAsync("portal.setTheme", isDarkMode ? ThemePreferences.Dark : ThemePreferences.Light);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        currentUrl = Navigation.ToBaseRelativePath(e.Location);
        StateHasChanged();
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;
}
