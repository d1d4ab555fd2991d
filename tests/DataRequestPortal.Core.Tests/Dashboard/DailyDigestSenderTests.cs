using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataRequestPortal.Core.Tests.Dashboard;

public class DailyDigestSenderTests
{
    // The harness's clock starts at 1 March 2026 10:00 UTC, 11:00 in Amsterdam; the digest goes out from noon there.
    private const int DigestHour = 12;

    private static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    [Fact]
    public async Task SendDueAsync_AtTheHour_MailsEachOptedInOfficerAndAdminOnce_WithTheLinkedRequests()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var (olga, adam) = (await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer), await StaffAsync(harness, "adam@example.org", "Adam Admin", PortalRoles.Admin));
        await StaffAsync(harness, "audrey@example.org", "Audrey Auditor", PortalRoles.Auditor);
        await StaffAsync(harness, "oscar@example.org", "Oscar Officer", PortalRoles.Officer, wantsDigest: false);
        var overdue = await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromHours(1));

        var queued = await Sender(harness).SendDueAsync();
        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Equal(2, queued);
        var mails = harness.Mails();
        Assert.Equal(["adam@example.org", "olga@example.org"], mails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(mails, m => Assert.Contains($"https://portal.example.org/requests/{overdue}", m.TextBody, StringComparison.Ordinal));
        Assert.All(mails, m => Assert.DoesNotContain("jane@example.com", m.TextBody, StringComparison.Ordinal));
        var audit = await AuditAsync(harness);
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.Detail == $"Daily digest for 1 March 2026 sent to {olga.Name} <olga@example.org>, 1 request");
        Assert.Contains(audit, e => e.Detail == $"Daily digest for 1 March 2026 sent to {adam.Name} <adam@example.org>, 1 request");
        Assert.All(audit, e => Assert.DoesNotContain("jane@example.com", e.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendDueAsync_BeforeTheHour_SendsNothing()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromMinutes(59));

        var queued = await Sender(harness).SendDueAsync();

        Assert.Equal(0, queued);
        await using var db = harness.Collection.Database.CreateDbContext();
        Assert.Empty(await db.ReportDeliveries.ToListAsync());
        Assert.Empty(await db.StaffDigestMails.ToListAsync());
    }

    [Fact]
    public async Task SendDueAsync_AfterARestart_SendsTheDayOnce_AndAMissedDayNever()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Sender(harness).SendDueAsync());

        // A new process on the same database, later the same day: the day was decided.
        harness.Time.Advance(TimeSpan.FromHours(4));
        Assert.Equal(0, await Sender(harness).SendDueAsync());

        // Down for the whole of 2 March: started again on the 3rd, only the 3rd's digest goes out.
        harness.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await Sender(harness).SendDueAsync());
        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Equal(2, harness.Mails().Count);
        await using var db = harness.Collection.Database.CreateDbContext();
        Assert.Equal([new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 3)], await db.StaffDigestMails.OrderBy(m => m.Day).Select(m => m.Day).ToListAsync());
    }

    [Fact]
    public async Task SendDueAsync_FromTwoProcessesAtOnce_QueuesTheDayOnce()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromHours(1));

        var queued = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => Sender(harness).SendDueAsync())));
        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Equal(1, queued.Sum());
        Assert.Single(harness.Mails());
        Assert.Single(await AuditAsync(harness));
    }

    [Fact]
    public async Task SendDueAsync_OnADayWithNothingToReport_SendsNothing()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-02-27T09:00:00Z"); // due 27 March: not yet worth a reminder
        harness.Time.Advance(TimeSpan.FromHours(1));

        var queued = await Sender(harness).SendDueAsync();
        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Equal(0, queued);
        Assert.Empty(harness.Mails());
        Assert.Empty(await AuditAsync(harness));
    }

    [Fact]
    public async Task QueuedDigest_ForSomeoneWhoLostTheRoleBeforeItWentOut_IsNotSent()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var olga = await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await Sender(harness).SendDueAsync());

        await using (var db = harness.Collection.Database.CreateDbContext())
        {
            var auditor = await db.Roles.SingleAsync(r => r.Name == PortalRoles.Auditor);
            db.UserRoles.Remove(await db.UserRoles.SingleAsync(r => r.UserId == olga.Id));
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = olga.Id, RoleId = auditor.Id });
            await db.SaveChangesAsync();
        }

        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Empty(harness.Mails());
        await using var check = harness.Collection.Database.CreateDbContext();
        Assert.Equal(DeliveryState.GaveUp, (await check.ReportDeliveries.SingleAsync()).State);
    }

    [Fact]
    public async Task RunningSender_StartedBeforeTheHour_QueuesTheDigestWhenTheHourComes()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sender = Sender(harness, queued.SetResult);
        await sender.StartAsync(CancellationToken.None);

        harness.Time.Advance(TimeSpan.FromHours(1));
        await queued.Task.WaitAsync(Eventually.Timeout);
        await sender.StopAsync(CancellationToken.None);

        await using var db = harness.Collection.Database.CreateDbContext();
        var digest = await db.StaffDigestMails.SingleAsync();
        Assert.Equal((new DateOnly(2026, 3, 1), 1), (digest.Day, digest.RequestCount));
    }

    [Fact]
    public async Task RunningSender_StartedAfterTheHour_QueuesThatDaysDigest()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await StaffAsync(harness, "olga@example.org", "Olga Officer", PortalRoles.Officer);
        await FileAsync(harness, "2026-01-10T09:00:00Z");
        harness.Time.Advance(TimeSpan.FromHours(3));
        var queued = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var sender = Sender(harness, queued.SetResult);

        await sender.StartAsync(CancellationToken.None);
        await queued.Task.WaitAsync(Eventually.Timeout);
        await sender.StopAsync(CancellationToken.None);
        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Single(harness.Mails());
    }

    private static DailyDigestSender Sender(DeliveryHarness harness, Action? queued = null)
    {
        var clock = new ComplianceClock(harness.Time, Amsterdam);
        return new DailyDigestSender(
            harness.Collection.Database,
            new StaffDigest(harness.Collection.Database, clock),
            clock,
            Microsoft.Extensions.Options.Options.Create(new ReminderOptions { DigestHour = DigestHour }),
            Microsoft.Extensions.Options.Options.Create(new PortalOptions { PublicUrl = DeliveryHarness.PublicUrl }),
            NullLogger<DailyDigestSender>.Instance,
            queued);
    }

    private static async Task<PortalUser> StaffAsync(DeliveryHarness harness, string email, string name, string role, bool wantsDigest = true)
    {
        await using var db = harness.Collection.Database.CreateDbContext();
        foreach (var staffRole in PortalRoles.Staff)
        {
            if (!await db.Roles.AnyAsync(r => r.Name == staffRole))
            {
                db.Roles.Add(new IdentityRole(staffRole) { NormalizedName = staffRole.ToUpperInvariant() });
            }
        }

        await db.SaveChangesAsync();
        var user = new PortalUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(), DisplayName = name, WantsDailyDigest = wantsDigest };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = (await db.Roles.SingleAsync(r => r.Name == role)).Id });
        await db.SaveChangesAsync();
        return user;
    }

    private static async Task<long> FileAsync(DeliveryHarness harness, string receivedUtc)
    {
        var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("olga@example.org"), TestClock.At(receivedUtc).Clock);
        await using var db = harness.Collection.Database.CreateDbContext();
        db.DataRequests.Add(request);
        await db.SaveChangesAsync();
        return request.Id;
    }

    private static async Task<List<AuditEntry>> AuditAsync(DeliveryHarness harness)
    {
        await using var db = harness.Collection.Database.CreateDbContext();
        return await db.AuditEntries.Where(e => e.Action == AuditAction.DigestSent).ToListAsync();
    }
}
