using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class StaffFilingTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void VerificationProblem_NothingSaid_AsksHowTheIdentityWasVerified(string? statement) =>
        Assert.Equal("Say how the subject's identity was verified; it is recorded with the request.", StaffFiling.VerificationProblem(statement));

    [Fact]
    public void VerificationNote_SaysWhatTheStatementIsAbout_AndFitsTheTimeline()
    {
        Assert.Null(StaffFiling.VerificationProblem(" passport checked at the front desk "));
        Assert.Equal("Identity verified: passport checked at the front desk", StaffFiling.VerificationNote(" passport checked at the front desk "));
        Assert.Equal(DataRequest.MaxReasonLength, StaffFiling.VerificationNote(new string('x', StaffFiling.MaxVerificationLength)).Length);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    [InlineData("jane@example.com")]
    public void ReportProblem_NoneOrAnEmailAddress_IsFine(string? text) => Assert.Null(StaffFiling.ReportProblem(text));

    [Fact]
    public void ReportProblem_Url_IsForApiClientsOnly() =>
        Assert.Equal("Give an email address; only API clients can have results posted to a URL.", StaffFiling.ReportProblem("https://crm.example.com/hook"));

    [Fact]
    public void ReportProblem_NeitherAddressNorUrl_SaysSo() =>
        Assert.Equal("'not an address' is neither an http(s) URL nor an email address.", StaffFiling.ReportProblem("not an address"));
}
