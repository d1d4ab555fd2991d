using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The append-only audit log: what is written to it beside the timelines, and its search and CSV export.</summary>
    public static IServiceCollection AddPortalAudit(this IServiceCollection services) => services.AddSingleton<AuditLog>();
}
