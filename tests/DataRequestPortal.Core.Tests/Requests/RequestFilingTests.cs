using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Requests;

public class RequestFilingTests
{
    private static readonly Actor Officer = Actor.Staff("officer@example.com");

    [Fact]
    public async Task FileAsync_StoresTheRequestWithItsTimeline()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());

        var filed = await filing.FileAsync(Subject.Create(SubjectType.Profile, "123"), RequestChannel.Staff, Officer, "Verified by phone call-back");

        await using var db = database.CreateDbContext();
        var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
        Assert.Equal(SubjectType.Profile, stored.SubjectType);
        Assert.Equal("123", stored.SubjectId);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(new DateOnly(2026, 4, 10), stored.DueDate);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:00:00Z"), stored.ReceivedAt);
        var entry = Assert.Single(stored.Timeline);
        Assert.Equal("Verified by phone call-back", entry.Reason);
        Assert.Equal(Officer, entry.Actor);
    }

    [Fact]
    public async Task FileAsync_WhenTheDrawnIdIsTaken_DrawsAnother()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var first = await new RequestFiling(database, clock, new RequestStatusNotifier()).FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Api, Officer);
        var draws = new Queue<long>([first.Id, first.Id, 4_000_000_000_000_001]);
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier()) { NewId = draws.Dequeue };

        var second = await filing.FileAsync(Subject.Create(SubjectType.Email, "b@example.com"), RequestChannel.Api, Officer);

        Assert.Equal(4_000_000_000_000_001, second.Id);
        await using var db = database.CreateDbContext();
        Assert.Equal(2, await db.DataRequests.CountAsync());
    }

    [Fact]
    public async Task FileAsync_DatabaseKeptWithARollbackJournal_ALongReadElsewhereDoesNotHoldItUp()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var setup = new SqliteConnection(database.ConnectionString))
        {
            await setup.OpenAsync();
            await using var journal = setup.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE";
            Assert.Equal("delete", await journal.ExecuteScalarAsync());
        }

        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        await filing.FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Staff, Officer);

        // A collector streaming a large subject's records reads for a long time.
        await using var reader = new SqliteConnection(database.ConnectionString);
        await reader.OpenAsync();
        await using var reading = reader.BeginTransaction(deferred: true);
        await using (var query = reader.CreateCommand())
        {
            query.CommandText = "SELECT COUNT(*) FROM DataRequests";
            Assert.Equal(1L, await query.ExecuteScalarAsync());
        }

        var filed = await Task.Run(() => filing.FileAsync(Subject.Create(SubjectType.Email, "b@example.com"), RequestChannel.Api, Officer))
            .WaitAsync(TimeSpan.FromSeconds(20));

        await using var db = database.CreateDbContext();
        Assert.Equal(RequestState.Queued, (await db.DataRequests.SingleAsync(r => r.Id == filed.Id)).State);
    }

    [Fact]
    public async Task ConcurrentEdits_TheSecondSaveIsRefused()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filed = await new RequestFiling(database, clock, new RequestStatusNotifier()).FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Staff, Officer);

        await using var first = database.CreateDbContext();
        await using var second = database.CreateDbContext();
        var a = await first.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
        var b = await second.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
        a.Cancel(Officer, clock, "Withdrawn by phone");
        await first.SaveChangesAsync();
        b.Deny(Actor.Staff("other@example.com"), "Duplicate", clock);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = database.CreateDbContext();
        Assert.Equal(RequestState.Cancelled, (await check.DataRequests.SingleAsync()).State);
    }

    [Fact]
    public async Task CountByStateAsync_CountsEveryState_IncludingEmptyOnes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());
        await filing.FileAsync(Subject.Create(SubjectType.Email, "a@example.com"), RequestChannel.Staff, Officer);
        await filing.FileAsync(Subject.Create(SubjectType.Email, "b@example.com"), RequestChannel.Api, Officer);
        await filing.FileAsync(Subject.Create(SubjectType.Email, "c@example.com"), RequestChannel.SelfService, Actor.DataSubject("c@example.com"));
        var cancelled = await filing.FileAsync(Subject.Create(SubjectType.Email, "d@example.com"), RequestChannel.Staff, Officer);
        await using (var db = database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == cancelled.Id);
            request.Cancel(Officer, clock, "Withdrawn");
            await db.SaveChangesAsync();
        }

        var counts = await new RequestOverview(database, new RequestList(database, clock), clock).CountByStateAsync();

        Assert.Equal(Enum.GetValues<RequestState>().Length, counts.Count);
        Assert.Equal(2, counts[RequestState.Queued]);
        Assert.Equal(1, counts[RequestState.Unverified]);
        Assert.Equal(1, counts[RequestState.Cancelled]);
        Assert.Equal(0, counts[RequestState.Completed]);
    }

    [Fact]
    public async Task FileForSubjectAsync_FilesAVerifiedSelfServiceRequestWithWhatGoesAlongsideInTheSameSave()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());

        var filed = await filing.FileForSubjectAsync(
            Subject.Create(SubjectType.Email, "Jane.Doe@Example.com"),
            (db, request) => db.ReportDeliveries.Add(ReportDelivery.Notice(request, DeliveryKind.Receipt, clock.Now)));

        await using var db = database.CreateDbContext();
        var stored = await db.DataRequests.Include(r => r.Timeline).Include(r => r.ReportTargets).SingleAsync(r => r.Id == filed.Id);
        Assert.Equal(RequestChannel.SelfService, stored.Channel);
        Assert.Equal("jane.doe@example.com", stored.SubjectId);
        Assert.Equal(RequestState.Queued, stored.State);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:00:00Z"), stored.ReceivedAt);
        Assert.Equal(new DateOnly(2026, 4, 10), stored.DueDate);
        Assert.Empty(stored.ReportTargets);
        Assert.All(stored.Timeline, e => Assert.Equal(Actor.DataSubject("jane.doe@example.com"), e.Actor));
        var receipt = await db.ReportDeliveries.SingleAsync();
        Assert.Equal(filed.Id, receipt.DataRequestId);
        Assert.Equal(DeliveryKind.Receipt, receipt.Kind);
    }

    [Fact]
    public async Task FileForSubjectAsync_NotAnEmailSubject_IsRefusedAndNothingIsStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier());

        await Assert.ThrowsAsync<ArgumentException>(() => filing.FileForSubjectAsync(Subject.Create(SubjectType.Profile, "123")));

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.DataRequests.CountAsync());
        Assert.Equal(0, await db.ReportDeliveries.CountAsync());
    }

    [Fact]
    public async Task FileForStaffAsync_SelfServiceDelivery_IsStoredWithTheRequest_AndTheSubjectsNoticeIsQueuedInTheSameSave()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier(), new SubjectNoticeQueue(clock));

        var filed = await filing.FileForStaffAsync(
            Subject.Create(SubjectType.Email, "Jane@Example.com"), Officer, "Identity verified: called back on the number on file", null, null, selfServiceDelivery: true);
        var plain = await filing.FileForStaffAsync(Subject.Create(SubjectType.Email, "john@example.com"), Officer, "Identity verified: letter", null);

        await using var db = database.CreateDbContext();
        var stored = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
        Assert.True(stored.SelfServiceDelivery);
        Assert.Equal((RequestChannel.Staff, "jane@example.com", RequestState.Queued), (stored.Channel, stored.SubjectId, stored.State));
        var entry = Assert.Single(stored.Timeline);
        Assert.Equal((TimelineEvent.Filed, Officer, "Identity verified: called back on the number on file"), (entry.Event, entry.Actor, entry.Reason));
        Assert.False((await db.DataRequests.SingleAsync(r => r.Id == plain.Id)).SelfServiceDelivery);
        var notice = Assert.Single(await db.ReportDeliveries.ToListAsync());
        Assert.Equal((filed.Id, DeliveryKind.Receipt, "jane@example.com"), (notice.DataRequestId, notice.Kind, notice.Target));
    }

    [Theory]
    [InlineData(SubjectType.Profile, "123")]
    [InlineData(SubjectType.Subprofile, "456")]
    public async Task FileForStaffAsync_SelfServiceDeliveryForAProfileId_IsRefusedAndNothingIsStored(SubjectType type, string id)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filing = new RequestFiling(database, clock, new RequestStatusNotifier(), new SubjectNoticeQueue(clock));

        await Assert.ThrowsAsync<RequestRuleException>(() =>
            filing.FileForStaffAsync(Subject.Create(type, id), Officer, "Identity verified: letter", null, null, selfServiceDelivery: true));

        await using var db = database.CreateDbContext();
        Assert.Equal(0, await db.DataRequests.CountAsync());
        Assert.Equal(0, await db.ReportDeliveries.CountAsync());
    }

    [Theory]
    [InlineData(RequestChannel.Api)]
    [InlineData(RequestChannel.SelfService)]
    public void File_SelfServiceDeliveryOnAnotherChannel_IsRefused(RequestChannel channel)
    {
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");

        Assert.Throws<RequestRuleException>(() =>
            DataRequest.File(1234567890123456, Subject.Create(SubjectType.Email, "jane@example.com"), channel, Officer, clock, selfServiceDelivery: true));
    }
}
