using DataRequestPortal.Web.Authorization;
using DataRequestPortal.Web.Components.Account;

namespace DataRequestPortal.Web.Staff;

/// <summary>What staff reach over HTTP besides their pages: signing out, acting on a request, its downloads, the audit and report exports.</summary>
public static class StaffEndpoints
{
    public static IEndpointRouteBuilder MapStaffEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAccountEndpoints();

        // Nothing in the group answers without a staff sign-in; an endpoint may ask for more (acting needs an officer).
        var staff = endpoints.MapGroup("").RequireAuthorization(PortalPolicies.Staff).ExcludeFromDescription();
        staff.MapStaffActions();
        staff.MapManualTasks();
        staff.MapStaffDownloads();
        staff.MapAuditExport();
        staff.MapReportExport();
        return endpoints;
    }
}
