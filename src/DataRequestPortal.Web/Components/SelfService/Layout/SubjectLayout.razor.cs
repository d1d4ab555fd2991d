using DataRequestPortal.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.SelfService.Layout;

/// <summary>
/// The signed-in data subject's frame: the organisation, who is signed in, and sign out; none of the staff navigation.
/// The theme (the staff choice of this browser, else the system's) comes from the stylesheet in the page's head.
/// </summary>
public partial class SubjectLayout
{
    // Set once the page is live on its circuit (after the static prerender); end-to-end tests wait for it.
    private bool interactive;

    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            interactive = true;
            StateHasChanged();
        }
    }
}
