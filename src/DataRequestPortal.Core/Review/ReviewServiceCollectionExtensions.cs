using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Review before release: the decisions and the released document (kept originals are swept by a worker).</summary>
    public static IServiceCollection AddPortalReview(this IServiceCollection services)
    {
        services.AddSingleton<ResultReviews>();
        return services;
    }
}
