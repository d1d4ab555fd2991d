using DataRequestPortal.Core.Identity;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>How the dashboard shows a staff role: a colour and what the role may do, in a line.</summary>
public static class RoleDisplay
{
    public static Color Color(string role) => role switch
    {
        PortalRoles.Admin => MudBlazor.Color.Primary,
        PortalRoles.Officer => MudBlazor.Color.Secondary,
        _ => MudBlazor.Color.Default,
    };

    public static string Description(string role) => role switch
    {
        PortalRoles.Admin => "Handles requests, and manages staff accounts, API tokens and sources.",
        PortalRoles.Officer => "Files and handles requests.",
        PortalRoles.Auditor => "Sees requests and the audit log; changes nothing.",
        _ => "",
    };
}
