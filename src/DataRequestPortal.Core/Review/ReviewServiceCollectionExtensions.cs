using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Review;

public static class ReviewServiceCollectionExtensions
{
    /// <summary>Review before release: the decisions, the released document and the clean-up of kept originals.</summary>
    public static IServiceCollection AddPortalReview(this IServiceCollection services)
    {
        services.AddSingleton<ResultReviews>();
        return services;
    }
}
