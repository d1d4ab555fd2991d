using DataRequestPortal.Core;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.Layout;

/// <summary>
/// The staff frame: app bar with the theme switch and account menu, and the navigation drawer. It holds no state: the
/// drawer, theme and menu buttons work in the browser (js/portal.js), so the frame renders once per page.
/// </summary>
public partial class MainLayout
{
    [Inject]
    private IOptions<OrganisationOptions> Organisation { get; set; } = default!;
}
