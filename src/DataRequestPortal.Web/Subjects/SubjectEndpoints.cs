namespace DataRequestPortal.Web.Subjects;

/// <summary>What a data subject reaches over HTTP besides the self-service pages, all under <c>/my-data</c>.</summary>
public static class SubjectEndpoints
{
    public const string Prefix = "/my-data";

    public static IEndpointRouteBuilder MapSubjectEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var subjects = endpoints.MapGroup(Prefix).ExcludeFromDescription();
        subjects.MapSubjectSignOut();
        subjects.MapSubjectLanguageSwitch();
        subjects.MapSubjectDownloads();
        return endpoints;
    }
}
