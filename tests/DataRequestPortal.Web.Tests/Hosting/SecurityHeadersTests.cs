using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Hosting;

public class SecurityHeadersTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SecurityHeadersTests(PortalFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/health")]
    [InlineData("/")]
    [InlineData("/css/portal.css")]
    public async Task EveryResponse_RefusesFramingAndContentSniffing(string path)
    {
        var response = await factory.CreateBrowserLikeClient().GetAsync(path);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }
}
