using DataRequestPortal.Core.Api;

namespace DataRequestPortal.Core.Tests.Api;

public class ApiTokenTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-03-10T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void Issue_GivesAPrefixedUrlSafeToken_AndKeepsOnlyItsHash()
    {
        var (token, plainText) = ApiToken.Issue("  crm ", Now);

        Assert.StartsWith("drp_", plainText);
        Assert.Matches("^drp_[A-Za-z0-9_-]{43}$", plainText);
        Assert.Equal("crm", token.Name);
        Assert.Equal(ApiToken.HashOf(plainText), token.TokenHash);
        Assert.Matches("^[0-9a-f]{64}$", token.TokenHash);
        Assert.DoesNotContain(plainText[4..], token.TokenHash, StringComparison.Ordinal);
        Assert.Equal(Now, token.CreatedAt);
        Assert.False(token.IsRevoked);
    }

    [Fact]
    public void Issue_TwoTokens_DifferInTokenAndSigningSecret()
    {
        var (first, firstText) = ApiToken.Issue("crm", Now);
        var (second, secondText) = ApiToken.Issue("crm", Now);

        Assert.NotEqual(firstText, secondText);
        Assert.NotEqual(first.SigningSecret, second.SigningSecret);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first.SigningSecret);
        Assert.NotEqual(first.SigningSecret, firstText[4..]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Issue_WithoutName_IsRefused(string name)
    {
        Assert.Throws<ArgumentException>(() => ApiToken.Issue(name, Now));
    }

    [Fact]
    public void Issue_NameTooLong_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ApiToken.Issue(new string('x', ApiToken.MaxNameLength + 1), Now));
        Assert.Contains("at most 100", error.Message);
    }

    [Fact]
    public void Revoke_Twice_KeepsTheFirstTime()
    {
        var (token, _) = ApiToken.Issue("crm", Now);

        token.Revoke(Now);
        token.Revoke(Now.AddHours(1));

        Assert.True(token.IsRevoked);
        Assert.Equal(Now, token.RevokedAt);
    }
}
