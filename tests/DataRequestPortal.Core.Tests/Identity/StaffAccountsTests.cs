using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Identity;

public class StaffAccountsTests
{
    [Fact]
    public async Task CreateAsync_NewOfficer_SignsInWithTheGeneratedPassword_AndTheAuditLogNeverHoldsIt()
    {
        await using var staff = await StaffHarness.StartAsync();

        var created = await staff.Accounts.CreateAsync("Olga Officer", " olga@example.org ", PortalRoles.Officer, StaffHarness.Admin);

        Assert.Equal("olga@example.org", created.Email);
        Assert.Equal(StaffAccounts.GeneratedPasswordLength + 3, created.InitialPassword.Length);
        Assert.True(await staff.CanSignInAsync("olga@example.org", created.InitialPassword));
        Assert.Equal([PortalRoles.Officer], await staff.RolesOfAsync("olga@example.org"));
        var entry = Assert.Single(await staff.AuditAsync(), e => e.Action == AuditAction.AccountCreated);
        Assert.Equal(("admin@example.org", "olga@example.org", "Olga Officer, role Officer"), (entry.ActorName, entry.Target, entry.Detail));
        Assert.DoesNotContain(await staff.AuditAsync(), e => (e.Detail ?? "").Contains(created.InitialPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateAsync_ForADataSubjectsAddress_ReplacesTheirPasswordlessSignIn_WithTheStaffAccount()
    {
        await using var staff = await StaffHarness.StartAsync();
        var subjects = new SubjectAccounts(staff.Services.GetRequiredService<IServiceScopeFactory>(), staff.Time);
        Assert.NotNull(await subjects.FindOrCreateAsync("sam@example.org"));

        var created = await staff.Accounts.CreateAsync("Sam Staff", "sam@example.org", PortalRoles.Auditor, StaffHarness.Admin);

        Assert.Equal([PortalRoles.Auditor], await staff.RolesOfAsync("sam@example.org"));
        Assert.True(await staff.CanSignInAsync("sam@example.org", created.InitialPassword));
        Assert.Null(await subjects.FindOrCreateAsync("sam@example.org"));
    }

    [Theory]
    [InlineData("", "ann@example.org", PortalRoles.Officer, "Enter the person's name.")]
    [InlineData("Ann", "not-an-address", PortalRoles.Officer, "'not-an-address' is not a valid email address.")]
    [InlineData("Ann", "ann@example.org", "Superuser", "Choose a role: Admin, Officer, Auditor.")]
    [InlineData("Someone", "ADMIN@example.org", PortalRoles.Officer, "There is already an account for admin@example.org.")]
    public async Task CreateAsync_BadInput_IsRefusedWithAMessage_AndNothingIsCreated(string name, string email, string role, string message)
    {
        await using var staff = await StaffHarness.StartAsync();

        var refused = await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.CreateAsync(name, email, role, StaffHarness.Admin));

        Assert.Equal(message, refused.Message);
        Assert.Single(await new StaffDirectory(staff.Database).ListAsync());
        Assert.Empty(await staff.AuditAsync());
    }

    [Fact]
    public async Task ChangeRoleAsync_TheLastAdmin_IsRefused_EvenByThemselves()
    {
        await using var staff = await StaffHarness.StartAsync();
        var admin = await staff.IdOfAsync(StaffHarness.AdminEmail);

        var refused = await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.ChangeRoleAsync(admin, PortalRoles.Officer, StaffHarness.Admin));

        Assert.Equal(StaffAccounts.LastAdminMessage, refused.Message);
        Assert.Equal([PortalRoles.Admin], await staff.RolesOfAsync(StaffHarness.AdminEmail));
        Assert.Empty(await staff.AuditAsync());
    }

    [Fact]
    public async Task DisableAsync_TheLastAdmin_IsRefused()
    {
        await using var staff = await StaffHarness.StartAsync();
        var admin = await staff.IdOfAsync(StaffHarness.AdminEmail);

        var refused = await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.DisableAsync(admin, StaffHarness.Admin));

        Assert.Equal(StaffAccounts.LastAdminMessage, refused.Message);
        Assert.True(await staff.CanSignInAsync(StaffHarness.AdminEmail, "Correct-Horse-42"));
    }

    [Fact]
    public async Task ChangeRoleAsync_TwoAdmins_OneMayBeDemoted_ThenTheOtherIsTheLast()
    {
        await using var staff = await StaffHarness.StartAsync();
        var second = await staff.Accounts.CreateAsync("Ada Admin", "ada@example.org", PortalRoles.Admin, StaffHarness.Admin);
        var first = await staff.IdOfAsync(StaffHarness.AdminEmail);

        await staff.Accounts.ChangeRoleAsync(first, PortalRoles.Auditor, StaffHarness.Admin);

        Assert.Equal([PortalRoles.Auditor], await staff.RolesOfAsync(StaffHarness.AdminEmail));
        Assert.False(await staff.Accounts.IsEnabledAdminAsync(first));
        Assert.True(await staff.Accounts.IsEnabledAdminAsync(second.Id));
        Assert.Equal("Admin → Auditor", Assert.Single(await staff.AuditAsync(), e => e.Action == AuditAction.AccountRoleChanged).Detail);
        await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.ChangeRoleAsync(second.Id, PortalRoles.Officer, StaffHarness.Admin));
    }

    [Fact]
    public async Task DisableAsync_ADisabledAdminDoesNotCount_SoTheOtherStaysTheLast()
    {
        await using var staff = await StaffHarness.StartAsync();
        var second = await staff.Accounts.CreateAsync("Ada Admin", "ada@example.org", PortalRoles.Admin, StaffHarness.Admin);
        await staff.Accounts.DisableAsync(second.Id, StaffHarness.Admin);

        var first = await staff.IdOfAsync(StaffHarness.AdminEmail);

        await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.DisableAsync(first, StaffHarness.Admin));
        await Assert.ThrowsAsync<StaffAccountException>(() => staff.Accounts.ChangeRoleAsync(first, PortalRoles.Officer, StaffHarness.Admin));
        Assert.False(await staff.Accounts.IsEnabledAdminAsync(second.Id));
    }

    [Fact]
    public async Task DisableAsync_TheAccountCannotSignIn_ItsSessionsEnd_UntilEnabledAgain()
    {
        await using var staff = await StaffHarness.StartAsync();
        var olga = await staff.Accounts.CreateAsync("Olga Officer", "olga@example.org", PortalRoles.Officer, StaffHarness.Admin);
        var stampBefore = (await staff.UserAsync("olga@example.org")).SecurityStamp;

        await staff.Accounts.DisableAsync(olga.Id, StaffHarness.Admin);
        staff.Time.Advance(TimeSpan.FromDays(400));

        Assert.False(await staff.CanSignInAsync("olga@example.org", olga.InitialPassword));
        Assert.NotEqual(stampBefore, (await staff.UserAsync("olga@example.org")).SecurityStamp);
        var listed = Assert.Single(await new StaffDirectory(staff.Database).ListAsync(), m => m.Email == "olga@example.org");
        Assert.True(listed.IsDisabled);

        await staff.Accounts.EnableAsync(olga.Id, StaffHarness.Admin);

        Assert.True(await staff.CanSignInAsync("olga@example.org", olga.InitialPassword));
        Assert.Equal(
            [AuditAction.AccountCreated, AuditAction.AccountDisabled, AuditAction.AccountEnabled],
            (await staff.AuditAsync()).Select(e => e.Action).ToArray());
    }

    [Fact]
    public async Task ResetPasswordAsync_OnlyTheNewPasswordWorks()
    {
        await using var staff = await StaffHarness.StartAsync();
        var olga = await staff.Accounts.CreateAsync("Olga Officer", "olga@example.org", PortalRoles.Officer, StaffHarness.Admin);

        var password = await staff.Accounts.ResetPasswordAsync(olga.Id, StaffHarness.Admin);

        Assert.NotEqual(olga.InitialPassword, password);
        Assert.False(await staff.CanSignInAsync("olga@example.org", olga.InitialPassword));
        Assert.True(await staff.CanSignInAsync("olga@example.org", password));
        var entry = Assert.Single(await staff.AuditAsync(), e => e.Action == AuditAction.PasswordReset);
        Assert.Equal("olga@example.org", entry.Target);
        Assert.DoesNotContain(password, entry.Detail ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratePassword_MeetsThePortalsRules_AndDiffersEachTime()
    {
        var passwords = Enumerable.Range(0, 50).Select(_ => StaffAccounts.GeneratePassword()).ToList();

        Assert.Equal(50, passwords.Distinct().Count());
        Assert.All(passwords, p =>
        {
            Assert.Matches("^[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}-[A-Za-z2-9]{5}$", p);
            Assert.True(p.Any(char.IsUpper) && p.Any(char.IsLower) && p.Any(char.IsDigit));
        });
    }

    [Theory]
    [InlineData("admın@example.org")] // dotless ı
    [InlineData("adm\u0130n@example.org")] // dotted capital İ
    public async Task ALookAlikeOfAStaffAddress_IsAnotherAccount_AndCannotSignInWithTheOriginalsPassword(string lookAlike)
    {
        await using var staff = await StaffHarness.StartAsync();

        Assert.False(await staff.CanSignInAsync(lookAlike, "Correct-Horse-42"));

        var created = await staff.Accounts.CreateAsync("Someone Else", lookAlike, PortalRoles.Auditor, StaffHarness.Admin);
        Assert.NotEqual(await staff.IdOfAsync(StaffHarness.AdminEmail), created.Id);
        Assert.Equal([PortalRoles.Admin], await staff.RolesOfAsync(StaffHarness.AdminEmail));
        Assert.True(await staff.CanSignInAsync(StaffHarness.AdminEmail, "Correct-Horse-42"));
    }
}
