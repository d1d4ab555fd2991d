using System.Net;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Components.Pages.Review;

/// <summary>The review page shows collected data before anyone checked it: officers and admins only.</summary>
public class ReviewPageAuthorizationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Page = "/requests/4000000000000001/review";

    [Fact]
    public async Task ReviewPage_Auditor_IsDenied()
    {
        var client = await factory.SignedInStaffAsync("auditor-review@test.example", "Staff-Pass-2026!", PortalRoles.Auditor);

        Assert.StartsWith("/Account/AccessDenied", PortalFactory.RedirectTarget(await client.GetAsync(Page)));
    }

    [Theory]
    [InlineData(PortalRoles.Officer)]
    [InlineData(PortalRoles.Admin)]
    public async Task ReviewPage_OfficerOrAdmin_Opens(string role)
    {
        var client = await factory.SignedInStaffAsync($"{role.ToLowerInvariant()}-review@test.example", "Staff-Pass-2026!", role);

        var response = await client.GetAsync(Page);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task ReviewPage_DataSubject_IsTakenBackToTheirRequests()
    {
        var client = factory.CreateBrowserLikeClient();
        await factory.SignInAsync(client, $"curious-{Guid.NewGuid():N}@example.org", viewOnly: true);

        Assert.Equal("/my-data/requests", PortalFactory.RedirectTarget(await client.GetAsync(Page)));
    }
}
