using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Downloads;

public static class DownloadServiceCollectionExtensions
{
    /// <summary>The one decision behind every result download (staff, data subject, API client, signed link).</summary>
    public static IServiceCollection AddPortalDownloads(this IServiceCollection services) => services.AddSingleton<ResultDownloads>();
}
