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
    [InlineData("/\uFF0F\uFF0Fevil.example", "/%EF%BC%8F%EF%BC%8Fevil.example")]
    public void ToLocalPath_KeepsPathsOnThisSiteOnly(string? url, string expected)
    {
        Assert.Equal(expected, ReturnUrls.ToLocalPath(url));
    }

    [Theory]
    [InlineData("/requests?q=\u00E9", "/requests?q=%C3%A9")]
    [InlineData("/\u00FC", "/%C3%BC")]
    [InlineData("requests?q=Zo\u00EB M\u00FCller", "/requests?q=Zo%C3%AB%20M%C3%BCller")]
    [InlineData("/requests?q=%C3%A9", "/requests?q=%C3%A9")]
    [InlineData("/requests?q=\u05D0\u202E#\u00E9", "/requests?q=%D7%90%E2%80%AE#%C3%A9")]
    [InlineData("/requests?q=\U0001F600", "/requests?q=%F0%9F%98%80")]
    public void ToLocalPath_NonAsciiCharacters_ArePercentEncodedAsUtf8(string url, string expected)
    {
        Assert.Equal(expected, ReturnUrls.ToLocalPath(url));
    }

    [Fact]
    public void ToLocalPath_TextWithALoneSurrogate_IsNotFollowed()
    {
        Assert.Equal("/", ReturnUrls.ToLocalPath("/requests?q=\uD800"));
    }
}
