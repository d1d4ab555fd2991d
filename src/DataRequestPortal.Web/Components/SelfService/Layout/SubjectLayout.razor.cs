using DataRequestPortal.Core;
using DataRequestPortal.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace DataRequestPortal.Web.Components.SelfService.Layout;

/// <summary>The signed-in data subject's frame: the organisation, who is signed in, and sign out; none of the staff navigation.</summary>
public partial class SubjectLayout
{
    private MudThemeProvider? themeProvider;
    private bool isDarkMode;
    private bool followSystem = true;

    // Set once the page is live on its circuit (after the static prerender); end-to-end tests wait for it.
    private bool interactive;

    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;

    // The staff theme choice, when this browser made one; otherwise the operating system's.
    [CascadingParameter(Name = ThemePreferences.CascadingName)]
    private string? ThemePreference { get; set; }

    protected override void OnInitialized()
    {
        followSystem = ThemePreference is null;
        isDarkMode = ThemePreference == ThemePreferences.Dark;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        interactive = true;
        if (followSystem && themeProvider is not null)
        {
            isDarkMode = await themeProvider.GetSystemDarkModeAsync();
        }

        StateHasChanged();
    }
}
