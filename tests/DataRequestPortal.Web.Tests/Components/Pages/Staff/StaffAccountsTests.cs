using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Components.Pages.Staff;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using StaffAccountsPage = DataRequestPortal.Web.Components.Pages.Staff.StaffAccounts;

namespace DataRequestPortal.Web.Tests.Components.Pages.Staff;

public class StaffAccountsTests : AdminTestContext
{
    [Fact]
    public async Task AddAccount_EmptyOrBadFields_ShowMessagesOnTheFields_ThenTheNewPasswordIsShownOnce()
    {
        var page = Render<StaffAccountsPage>();
        page.WaitForAssertion(() => Assert.Single(page.FindAll(".account-row")));
        await page.InvokeAsync(() => page.Find("[data-testid=add-account]").Click());
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#account-name"));

        await ClickAsync(DialogProvider, "create-account");

        DialogProvider.WaitForAssertion(() =>
        {
            Assert.Contains("Enter the person's name.", DialogProvider.Markup);
            Assert.Contains("Enter the email address the person signs in with.", DialogProvider.Markup);
        });

        DialogProvider.Find("#account-name").Change("Olga Officer");
        DialogProvider.Find("#account-email").Change("olga@example");
        await ClickAsync(DialogProvider, "create-account");
        DialogProvider.WaitForAssertion(() => Assert.Contains("'olga@example' is not a valid email address.", DialogProvider.Markup));

        DialogProvider.Find("#account-email").Change("olga@example.org");
        await DialogProvider.InvokeAsync(() => DialogProvider.Find("input[data-role=Auditor]").Click());
        await ClickAsync(DialogProvider, "create-account");

        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#shown-password"));
        var password = DialogProvider.Find("#shown-password").GetAttribute("value")!;
        Assert.Matches("^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$", password);
        page.WaitForAssertion(() => Assert.Equal("Auditor", page.Find(".account-olga-example-org [data-testid=account-role]").TextContent.Trim()));

        await ClickAsync(DialogProvider, "secrets-done");
        DialogProvider.WaitForAssertion(() => Assert.Empty(DialogProvider.FindAll("#shown-password")));
        Assert.DoesNotContain(password, page.Markup + DialogProvider.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangeRole_TheLastAdminDemotingThemselves_IsRefusedWithAMessage_AndStaysAdmin()
    {
        var me = (await Services.GetRequiredService<StaffDirectory>().ListAsync()).Single();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await DialogProvider.InvokeAsync(() => dialogs.ShowAsync<ChangeRoleDialog>("Change role", new DialogParameters<ChangeRoleDialog> { { d => d.Member, me } }));
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("input[data-role=Officer]"));

        await DialogProvider.InvokeAsync(() => DialogProvider.Find("input[data-role=Officer]").Click());
        await ClickAsync(DialogProvider, "change-role");

        DialogProvider.WaitForAssertion(() => Assert.Equal(Core.Identity.StaffAccounts.LastAdminMessage, DialogProvider.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Assert.True(await Accounts.IsEnabledAdminAsync(AdminId));
        Assert.DoesNotContain(await AuditAsync(), e => e.Action == AuditAction.AccountRoleChanged);
    }

    [Fact]
    public async Task DigestLog_ShowsEachDailyDigestSent_WithItsAttempts()
    {
        var olga = await Accounts.CreateAsync("Olga Officer", "olga@example.org", PortalRoles.Officer, Core.Requests.Actor.System);
        await using (var db = Database.CreateDbContext())
        {
            var now = Time.GetUtcNow();
            var digest = new StaffDigestMail(olga.Id, new DateOnly(2026, 3, 2), 3, "Requests that need you", now);
            var delivery = ReportDelivery.Digest(digest, olga.Email, now);
            delivery.Record(now, new DeliveryOutcome(250, null, TimeSpan.FromMilliseconds(12)), new DeliveryOptions(), now);
            db.StaffDigestMails.Add(digest);
            db.ReportDeliveries.Add(delivery);
            await db.SaveChangesAsync();
        }

        var page = Render<StaffAccountsPage>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=digest-row]")));
        var row = page.Find("[data-testid=digest-row]").TextContent;
        Assert.Contains("2 Mar 2026", row);
        Assert.Contains("Olga Officer · olga@example.org", row);
        Assert.Contains("Delivered", row);
        Assert.Contains("SMTP 250", row);
    }

    [Fact]
    public async Task AddAccount_ByAnAdminDemotedWhileThePageWasOpen_IsRefused()
    {
        var other = await Accounts.CreateAsync("Ada Admin", "ada@example.org", PortalRoles.Admin, Core.Requests.Actor.System);
        var page = Render<StaffAccountsPage>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll(".account-row").Count));
        await page.InvokeAsync(() => page.Find("[data-testid=add-account]").Click());
        DialogProvider.WaitForAssertion(() => DialogProvider.Find("#account-name"));

        // Another admin demotes this one; the open page still carries the Admin role in its session.
        await Accounts.ChangeRoleAsync(AdminId, PortalRoles.Officer, Core.Requests.Actor.Staff(other.Email));
        DialogProvider.Find("#account-name").Change("Mallory");
        DialogProvider.Find("#account-email").Change("mallory@example.org");
        await ClickAsync(DialogProvider, "create-account");

        DialogProvider.WaitForAssertion(() => Assert.Equal(AdminConfirmation.Refused, DialogProvider.Find("[data-testid=dialog-error]").TextContent.Trim()));
        Assert.Equal(2, (await Services.GetRequiredService<StaffDirectory>().ListAsync()).Count);
    }
}
