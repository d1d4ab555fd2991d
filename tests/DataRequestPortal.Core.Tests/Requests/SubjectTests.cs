using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class SubjectTests
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("a+tag@sub.example.org", "a+tag@sub.example.org")]
    public void TryCreate_Email_AcceptsAndNormalises(string input, string expected)
    {
        Assert.True(Subject.TryCreate(SubjectType.Email, input, out var subject, out var error));
        Assert.Null(error);
        Assert.Equal(expected, subject.Identifier);
        Assert.Equal(SubjectType.Email, subject.Type);
    }

    [Theory]
    [InlineData("", "Enter an email address.")]
    [InlineData("   ", "Enter an email address.")]
    [InlineData(null, "Enter an email address.")]
    [InlineData("jane", "not a valid email address")]
    [InlineData("jane@", "not a valid email address")]
    [InlineData("@example.com", "not a valid email address")]
    [InlineData("jane@localhost", "not a valid email address")]
    [InlineData("Jane <jane@example.com>", "not a valid email address")]
    [InlineData("jane doe@example.com", "not a valid email address")]
    [InlineData("jane@exa\nmple.com", "not a valid email address")]
    public void TryCreate_Email_RefusesWithAMessage(string? input, string expectedMessage)
    {
        Assert.False(Subject.TryCreate(SubjectType.Email, input, out var subject, out var error));
        Assert.Null(subject);
        Assert.Contains(expectedMessage, error);
    }

    [Fact]
    public void TryCreate_Email_LongerThanTheStandardAllows_IsRefused()
    {
        var address = new string('a', 250) + "@example.com";
        Assert.False(Subject.TryCreate(SubjectType.Email, address, out _, out var error));
        Assert.Contains("...", error); // the message quotes a shortened address, not 262 characters
    }

    [Theory]
    [InlineData(SubjectType.Profile, "42", "42")]
    [InlineData(SubjectType.Profile, " 0042 ", "42")]
    [InlineData(SubjectType.Subprofile, "9007199254740993", "9007199254740993")]
    public void TryCreate_ProfileIds_AcceptsPositiveWholeNumbers(SubjectType type, string input, string expected)
    {
        Assert.True(Subject.TryCreate(type, input, out var subject, out _));
        Assert.Equal(expected, subject.Identifier);
    }

    [Theory]
    [InlineData(SubjectType.Profile, "0")]
    [InlineData(SubjectType.Profile, "-1")]
    [InlineData(SubjectType.Profile, "+7")]
    [InlineData(SubjectType.Profile, "12a")]
    [InlineData(SubjectType.Subprofile, "1.5")]
    [InlineData(SubjectType.Subprofile, "99999999999999999999")]
    [InlineData(SubjectType.Subprofile, "٣")] // an Arabic-Indic digit is still not an id
    public void TryCreate_ProfileIds_RefusesAnythingElse(SubjectType type, string input)
    {
        Assert.False(Subject.TryCreate(type, input, out _, out var error));
        Assert.Contains("positive whole number", error);
    }

    [Theory]
    [InlineData("email", SubjectType.Email)]
    [InlineData("PROFILE", SubjectType.Profile)]
    [InlineData(" subprofile ", SubjectType.Subprofile)]
    public void SubjectTypeNames_RoundTripTheSeedsWireNames(string name, SubjectType expected)
    {
        Assert.True(SubjectTypeNames.TryParse(name, out var type));
        Assert.Equal(expected, type);
        Assert.Equal(name.Trim().ToLowerInvariant(), type.ToWireName());
    }

    [Fact]
    public void SubjectTypeNames_UnknownName_IsRefused()
    {
        Assert.False(SubjectTypeNames.TryParse("customer", out _));
    }
}
