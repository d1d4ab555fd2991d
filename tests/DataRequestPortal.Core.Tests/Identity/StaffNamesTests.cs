using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Identity;

public class StaffNamesTests
{
    [Fact]
    public async Task ForAsync_NamesStaffByTheirAccount_AndLeavesEveryOtherActorAsRecorded()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StaffMembers.AddAsync(database, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await StaffMembers.AddAsync(database, "sam@example.org", "Sam Subject", PortalRoles.Subject);
        Actor[] actors =
        [
            Actor.Staff("olga@example.org"),
            Actor.Staff("OLGA@example.org"),
            Actor.Staff("gone@example.org"),
            Actor.Staff("sam@example.org"),
            Actor.DataSubject("olga@example.org"),
            Actor.ApiClient("olga@example.org"),
            Actor.EmailedLink("olga@example.org"),
            Actor.System,
        ];

        var names = await new StaffNames(database).ForAsync(actors);

        Assert.Equal(
            ["Olga Officer", "Olga Officer", "gone@example.org", "sam@example.org", "olga@example.org", "olga@example.org", "olga@example.org", "DataRequestPortal"],
            actors.Select(names.NameOf).ToArray());
    }

    [Fact]
    public async Task ForAsync_AfterARename_ReadsTheNewName()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StaffMembers.AddAsync(database, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        var staffNames = new StaffNames(database);
        var olga = Actor.Staff("olga@example.org");
        Assert.Equal("Olga Officer", (await staffNames.ForAsync([olga])).NameOf(olga));

        await StaffMembers.RenameAsync(database, "olga@example.org", "Olga Ombudsperson");

        Assert.Equal("Olga Ombudsperson", (await staffNames.ForAsync([olga])).NameOf(olga));
    }

    [Fact]
    public async Task ForAsync_AStaffAccountWithoutADisplayName_ShowsItsAddress()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StaffMembers.AddAsync(database, "nameless@example.org", null, PortalRoles.Auditor);
        var nameless = Actor.Staff("nameless@example.org");

        var names = await new StaffNames(database).ForAsync([nameless]);

        Assert.Equal("nameless@example.org", names.NameOf(nameless));
    }

    [Fact]
    public async Task AddressesOfNamedAsync_FindsStaffByPartOfTheirName_InAnyCase_AndNoSubjects()
    {
        await using var database = await TestDatabase.CreateAsync();
        await StaffMembers.AddAsync(database, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await StaffMembers.AddAsync(database, "otto@example.org", "Otto Officer", PortalRoles.Admin);
        await StaffMembers.AddAsync(database, "olga.subject@example.org", "Olga Subject", PortalRoles.Subject);
        var staffNames = new StaffNames(database);

        Assert.Equal(["olga@example.org"], await staffNames.AddressesOfNamedAsync("olga"));
        Assert.Equal(["olga@example.org", "otto@example.org"], (await staffNames.AddressesOfNamedAsync(" OFFICER ")).Order().ToArray());
        Assert.Empty(await staffNames.AddressesOfNamedAsync("subject"));
        Assert.Empty(await staffNames.AddressesOfNamedAsync(" "));
    }
}
