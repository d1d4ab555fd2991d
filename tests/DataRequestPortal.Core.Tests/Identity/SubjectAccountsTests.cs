using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Tests.Identity;

public class SubjectAccountsTests
{
    private const string Jane = "jane.doe@example.com";

    private static SubjectAccounts Accounts(StaffHarness harness) =>
        new(harness.Services.GetRequiredService<IServiceScopeFactory>(), harness.Time);

    [Fact]
    public async Task FindOrCreateAsync_NewAddress_CreatesASubjectWithConfirmedEmailAndNoPassword()
    {
        await using var harness = await StaffHarness.StartAsync();

        var user = await Accounts(harness).FindOrCreateAsync("Jane.Doe@Example.com");

        Assert.NotNull(user);
        var stored = await harness.UserAsync(Jane);
        Assert.Equal(user.Id, stored.Id);
        Assert.Equal(Jane, stored.Email);
        Assert.Equal(Jane, stored.UserName);
        Assert.True(stored.EmailConfirmed);
        Assert.Null(stored.PasswordHash);
        Assert.Equal([PortalRoles.Subject], await harness.RolesOfAsync(Jane));
        Assert.Equal(harness.Time.GetUtcNow(), stored.CreatedAt);
        Assert.False(await harness.CanSignInAsync(Jane, ""));
    }

    [Fact]
    public async Task FindOrCreateAsync_SecondCall_ReturnsTheSameUserAndRecordsTheSignIn()
    {
        await using var harness = await StaffHarness.StartAsync();
        var first = await Accounts(harness).FindOrCreateAsync(Jane);
        harness.Time.Advance(TimeSpan.FromDays(3));

        var second = await Accounts(harness).FindOrCreateAsync("JANE.DOE@example.com");

        Assert.Equal(first!.Id, second!.Id);
        Assert.Equal(harness.Time.GetUtcNow(), (await harness.UserAsync(Jane)).LastSignInAt);
        Assert.Equal([PortalRoles.Subject], await harness.RolesOfAsync(Jane));
    }

    [Fact]
    public async Task FindOrCreateAsync_StaffAccountsAddress_ReturnsNullAndLeavesTheAccountAlone()
    {
        await using var harness = await StaffHarness.StartAsync();
        var before = await harness.UserAsync(StaffHarness.AdminEmail);

        Assert.Null(await Accounts(harness).FindOrCreateAsync(StaffHarness.AdminEmail));
        Assert.Null(await Accounts(harness).FindOrCreateAsync(StaffHarness.AdminEmail.ToUpperInvariant()));

        Assert.Equal([PortalRoles.Admin], await harness.RolesOfAsync(StaffHarness.AdminEmail));
        Assert.Equal(before.LastSignInAt, (await harness.UserAsync(StaffHarness.AdminEmail)).LastSignInAt);
        Assert.True(await harness.CanSignInAsync(StaffHarness.AdminEmail, "Correct-Horse-42"));
    }

    [Theory]
    [InlineData("p.jansen@example.net", "p.janſen@example.net")] // ſ upper-cases to S
    [InlineData("jill@example.net", "jıll@example.net")] // dotless ı upper-cases to I
    [InlineData("jill@example.net", "jİll@example.net")]
    [InlineData("strasse@example.net", "straße@example.net")]
    [InlineData("jane@example.net", "ｊane@example.net")] // full-width
    [InlineData("kim@example.net", "kİm@example.net")]
    public async Task FindOrCreateAsync_ALookAlikeAddress_NeverOpensTheOthersAccount(string existing, string lookAlike)
    {
        await using var harness = await StaffHarness.StartAsync();
        var victim = await Accounts(harness).FindOrCreateAsync(existing);

        PortalUser? other = null;
        if (Core.Requests.EmailAddresses.IsValid(lookAlike))
        {
            other = await Accounts(harness).FindOrCreateAsync(lookAlike);
        }

        Assert.NotEqual(victim!.Id, other?.Id);
        if (other is not null)
        {
            Assert.Equal(Core.Requests.Subject.Create(Core.Requests.SubjectType.Email, lookAlike).Identifier, other.Email);
        }

        Assert.Equal(existing, (await harness.UserAsync(existing)).Email);
    }

    [Fact]
    public async Task FindOrCreateAsync_AnAccountFoundUnderAnotherAddress_IsNotOpened()
    {
        await using var harness = await StaffHarness.StartAsync();
        var victim = await Accounts(harness).FindOrCreateAsync("jill@example.net");

        // An account whose stored key was made by an older definition of "the same address".
        await using (var db = harness.Database.CreateDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Id == victim!.Id);
            user.NormalizedEmail = "JıLL@EXAMPLE.NET";
            user.NormalizedUserName = "JıLL@EXAMPLE.NET";
            await db.SaveChangesAsync();
        }

        Assert.Null(await Accounts(harness).FindOrCreateAsync("jıll@example.net"));
    }
}
