using System.Net;
using System.Net.Http.Headers;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

public class ApiTokenAuthenticationTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public ApiTokenAuthenticationTests(PortalFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("POST", "/v2/datarequest/?email=jane%40example.com", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/v1/profile/42/data", HttpStatusCode.BadRequest)]
    [InlineData("GET", "/v2/datarequest/1234567890123456/status", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/v1/datarequest/1234567890123456", HttpStatusCode.Unauthorized)]
    [InlineData("DELETE", "/v2/datarequest/1234567890123456", HttpStatusCode.Unauthorized)]
    public async Task WithoutToken_IsRefused_WithBearerChallengeAndJsonError_400ForAFiling(string method, string path, HttpStatusCode status)
    {
        var response = await factory.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(ApiTokenAuthentication.TokenRequired, await ErrorAsync(response, status, "token_required"));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Theory]
    [InlineData("drp_this-token-was-never-issued-by-the-portal-00000")]
    [InlineData("not even the right shape")]
    public async Task UnknownToken_Answers400ToAFiling_AndFilesNothing(string token)
    {
        var response = await factory.CreateClient().PostAsync($"/v2/datarequest/?email=jane%40example.com&access_token={Uri.EscapeDataString(token)}", null);

        Assert.Equal(ApiTokenAuthentication.TokenInvalid, await ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_token"));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
        Assert.False(response.Headers.Contains("X-Created"));
    }

    [Fact]
    public async Task RevokedToken_Answers401_EvenForItsOwnRequests()
    {
        var token = await factory.IssueTokenAsync("retired");
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "jane@example.com"))));

        await factory.Services.GetRequiredService<ApiTokens>().RevokeAsync(token.Id);
        var response = await client.GetAsync($"/v2/datarequest/{id}/status");

        Assert.Equal(ApiTokenAuthentication.TokenRevoked, await ErrorAsync(response, HttpStatusCode.Unauthorized, "token_revoked"));
        Assert.Equal("Bearer", Assert.Single(response.Headers.WwwAuthenticate).Scheme);
    }

    [Fact]
    public async Task TokenInHeaderOrQuery_BothWork_AndTheUseIsRecorded()
    {
        var token = await factory.IssueTokenAsync();

        var byQuery = await factory.CreateClient().PostAsync($"/v2/datarequest?access_token={token.PlainText}", Form(("email", "query@example.com")));
        var byHeader = await factory.CreateApiClient(token.PlainText).GetAsync($"/v2/datarequest/{CreatedId(byQuery)}/status");

        Assert.Equal(HttpStatusCode.Created, byQuery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, byHeader.StatusCode);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        Assert.NotNull((await db.ApiTokens.SingleAsync(t => t.Id == token.Id)).LastUsedAt);
    }

    [Fact]
    public async Task HeaderToken_WinsOverTheQueryParameter()
    {
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient("drp_wrong");

        var response = await client.PostAsync($"/v2/datarequest?access_token={token.PlainText}", Form(("email", "jane@example.com")));

        Assert.Equal(ApiTokenAuthentication.TokenInvalid, await ErrorAsync(response, HttpStatusCode.BadRequest, "invalid_token"));
    }

    [Fact]
    public async Task SignedInStaff_WithoutToken_IsStillRefused()
    {
        var staff = await factory.SignedInStaffAsync("officer-api@test.example", "Officer-Pass-123!", "Officer");

        var response = await staff.PostAsync("/v2/datarequest", Form(("email", "jane@example.com")));

        Assert.Equal(ApiTokenAuthentication.TokenRequired, await ErrorAsync(response, HttpStatusCode.BadRequest, "token_required"));
    }

    [Fact]
    public async Task BasicAuthorization_IsNotAToken()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", "Y3JtOnNlY3JldA==");

        var response = await client.GetAsync("/v2/datarequest/1234567890123456/status");

        Assert.Equal(ApiTokenAuthentication.TokenRequired, await ErrorAsync(response, HttpStatusCode.Unauthorized, "token_required"));
    }
}
