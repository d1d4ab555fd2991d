using DataRequestPortal.Web.Components.Account;

namespace DataRequestPortal.Web.Tests.Components.Account;

public class ReturnUrlsTests
{
    [Theory]
    [InlineData("/admin/staff", "/admin/staff")]
    [InlineData("admin/staff?tab=2", "/admin/staff?tab=2")]
    [InlineData("/requests?due=2026-12-01T10:00", "/requests?due=2026-12-01T10:00")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("\\\\evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/ok\r\nSet-Cookie: x=1", "/")]
    public void ToLocalPath_KeepsPathsOnThisSiteOnly(string? url, string expected)
    {
        Assert.Equal(expected, ReturnUrls.ToLocalPath(url));
    }
}
