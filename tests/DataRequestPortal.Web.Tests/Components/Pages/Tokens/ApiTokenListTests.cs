using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Pages.Tokens;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Pages.Tokens;

public class ApiTokenListTests : AdminTestContext
{
    [Fact]
    public void NoTokens_SaysWhatTheyAreFor()
    {
        var page = Render<ApiTokenList>();

        page.WaitForAssertion(() => Assert.Contains("No API tokens yet", page.Find("[data-testid=no-tokens]").TextContent));
    }

    [Fact]
    public async Task CreateToken_ABlankName_IsRefusedOnTheField_ThenTheTokenIsShownOnce_AndWorks()
    {
        var page = Render<ApiTokenList>();
        page.WaitForAssertion(() => page.Find("[data-testid=no-tokens]"));
        await page.InvokeAsync(() => page.Find("[data-testid=add-token]").Click());
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#token-name"));

        DialogProvider.Find("#token-name").Change("   ");
        await ClickAsync(DialogProvider, "create-token");
        DialogProvider.WaitForAssertion(() => Assert.Contains("A token needs a name.", DialogProvider.Markup));

        DialogProvider.Find("#token-name").Change("crm");
        await ClickAsync(DialogProvider, "create-token");
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#shown-token"));
        var token = DialogProvider.Find("#shown-token").GetAttribute("value")!;
        var secret = DialogProvider.Find("#shown-secret").GetAttribute("value")!;

        var check = await Services.GetRequiredService<ApiTokens>().CheckAsync(token);
        Assert.Equal(ApiTokenStatus.Active, check.Status);
        Assert.Equal("crm", check.Client!.Name);
        page.WaitForAssertion(() => Assert.Equal("Active", page.Find(".token-row [data-testid=token-status]").TextContent.Trim()));

        await ClickAsync(DialogProvider, "secrets-done");
        DialogProvider.WaitForAssertion(() => Assert.Empty(DialogProvider.FindAll("#shown-token")));
        page.Render();
        Assert.DoesNotContain(token, page.Markup + DialogProvider.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, page.Markup + DialogProvider.Markup, StringComparison.Ordinal);
        var created = Assert.Single(await AuditAsync());
        Assert.Equal((AuditAction.TokenCreated, AdminEmail), (created.Action, created.ActorName));
    }

    [Fact]
    public async Task Revoke_AfterConfirming_RefusesTheToken()
    {
        var issued = await Services.GetRequiredService<ApiTokens>().IssueAsync("shop");
        var page = Render<ApiTokenList>();
        page.WaitForAssertion(() => page.Find("[data-testid=revoke-token]"));

        var revoking = page.InvokeAsync(() => page.Find("[data-testid=revoke-token]").Click());
        DialogProvider.WaitForAssertion(() => Assert.Contains("Calls with the token 'shop' are refused", DialogProvider.Markup));
        await DialogProvider.InvokeAsync(() => DialogProvider.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click());
        await revoking;

        page.WaitForAssertion(() => Assert.StartsWith("Revoked", page.Find(".token-row [data-testid=token-status]").TextContent.Trim()));
        Assert.Equal(ApiTokenStatus.Revoked, (await Services.GetRequiredService<ApiTokens>().CheckAsync(issued.PlainText)).Status);
        Assert.Empty(page.FindAll("[data-testid=revoke-token]"));
    }

    [Theory]
    [InlineData(PortalRoles.Officer)]
    [InlineData(PortalRoles.Auditor)]
    public async Task CreateToken_ByAnotherRoleOnAStalePage_IsRefused(string role)
    {
        SignInAs(role, "someone@example.org", "Someone");
        var page = Render<ApiTokenList>();
        page.WaitForAssertion(() => page.Find("[data-testid=add-token]"));
        await page.InvokeAsync(() => page.Find("[data-testid=add-token]").Click());
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#token-name"));

        DialogProvider.Find("#token-name").Change("sneaky");
        await ClickAsync(DialogProvider, "create-token");

        DialogProvider.WaitForAssertion(() => Assert.Contains("no longer is one", DialogProvider.Find("[data-testid=dialog-error]").TextContent));
        Assert.Empty(await Services.GetRequiredService<ApiTokens>().ListAsync());
    }
}
