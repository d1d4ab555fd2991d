using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class ReportTargetTests
{
    [Theory]
    [InlineData("https://crm.example.com/hooks/datarequest", ReportTargetKind.Url, "https://crm.example.com/hooks/datarequest")]
    [InlineData("http://crm.example.com:8080/hook?x=1", ReportTargetKind.Url, "http://crm.example.com:8080/hook?x=1")]
    [InlineData("  Privacy@Example.COM ", ReportTargetKind.Email, "privacy@example.com")]
    public void TryParse_UrlOrAddress_IsAccepted(string text, ReportTargetKind kind, string value)
    {
        Assert.True(ReportTarget.TryParse(text, out var target, out var error), error);

        Assert.Equal(kind, target.Kind);
        Assert.Equal(value, target.Value);
    }

    [Theory]
    [InlineData("", "Give a URL or an email address.")]
    [InlineData("ftp://files.example.com/drop", "not an absolute http or https URL")]
    [InlineData("https://", "not an absolute http or https URL")]
    [InlineData("javascript://alert(1)", "not an absolute http or https URL")]
    [InlineData("/relative/hook", "neither an http(s) URL nor an email address")]
    [InlineData("not-an-address", "neither an http(s) URL nor an email address")]
    [InlineData("Jane <jane@example.com>", "neither an http(s) URL nor an email address")]
    public void TryParse_AnythingElse_SaysWhy(string text, string message)
    {
        Assert.False(ReportTarget.TryParse(text, out var target, out var error));

        Assert.Null(target);
        Assert.Contains(message, error);
    }

    [Fact]
    public void TryParse_TooLong_IsRefused()
    {
        var url = "https://crm.example.com/" + new string('a', ReportTarget.MaxLength);

        Assert.False(ReportTarget.TryParse(url, out _, out var error));
        Assert.Contains("at most 2048", error);
    }
}
