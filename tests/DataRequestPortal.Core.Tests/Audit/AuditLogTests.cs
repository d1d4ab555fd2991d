using System.Text;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Audit;

public class AuditLogTests
{
    private static readonly Actor Officer = Actor.Staff("officer@example.com");

    [Fact]
    public async Task StateChanges_AreLogged_WithActorAndReason_WhateverCodeMadeThem()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-03-10T12:00:00Z");
        var filed = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Officer, "Passport seen at the desk");
        time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = database.CreateDbContext())
        {
            var request = await db.DataRequests.SingleAsync(r => r.Id == filed.Id);
            request.Cancel(Officer, clock, "Filed twice");
            await db.SaveChangesAsync();
        }

        var page = await new AuditLog(database, clock).SearchAsync(new AuditFilter(RequestId: filed.Id), 0, 50);

        Assert.Equal(2, page.Total);
        var cancelled = page.Entries[0];
        Assert.Equal(AuditAction.StateChanged, cancelled.Action);
        Assert.Equal("officer@example.com", cancelled.ActorName);
        Assert.Equal("Queued → Cancelled: Filed twice", cancelled.Detail);
        Assert.Equal(DateTimeOffset.Parse("2026-03-10T12:05:00Z"), cancelled.At);
        Assert.Equal(AuditAction.RequestFiled, page.Entries[1].Action);
        Assert.Equal("Queued: Passport seen at the desk", page.Entries[1].Detail);
    }

    [Fact]
    public async Task Entries_CannotBeChangedOrRemoved()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        await new AuditLog(database, clock).RecordDownloadAsync(Officer, 4_000_000_000_000_001, "json");

        await using var db = database.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync();
        db.AuditEntries.Remove(entry);

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        await using var check = database.CreateDbContext();
        Assert.Equal(1, await check.AuditEntries.CountAsync());
    }

    [Fact]
    public async Task SearchAsync_FiltersByDayActionActorAndText()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-03-10T12:00:00Z");
        var log = new AuditLog(database, clock);
        await log.RecordAsync(Officer, AuditAction.TokenCreated, target: "CRM export");
        time.Advance(TimeSpan.FromDays(1));
        await log.RecordDownloadAsync(Actor.Staff("auditor@example.com"), 4_000_000_000_000_001, "pdf");
        await log.RecordAsync(Officer, AuditAction.TokenRevoked, target: "CRM export");

        Assert.Equal(2, (await log.SearchAsync(new AuditFilter(From: new DateOnly(2026, 3, 11)), 0, 10)).Total);
        Assert.Equal(1, (await log.SearchAsync(new AuditFilter(To: new DateOnly(2026, 3, 10)), 0, 10)).Total);
        Assert.Equal("auditor@example.com", Assert.Single((await log.SearchAsync(new AuditFilter(Action: AuditAction.ResultDownloaded), 0, 10)).Entries).ActorName);
        Assert.Equal(2, (await log.SearchAsync(new AuditFilter(Actor: "officer"), 0, 10)).Total);
        Assert.Equal(2, (await log.SearchAsync(new AuditFilter(Text: "CRM"), 0, 10)).Total);
        var second = await log.SearchAsync(AuditFilter.All, 1, 1);
        Assert.Equal(3, second.Total);
        Assert.Equal(AuditAction.ResultDownloaded, Assert.Single(second.Entries).Action);
    }

    [Fact]
    public async Task WriteCsvAsync_QuotesFieldsAndDefusesFormulas()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var log = new AuditLog(database, clock);
        await log.RecordAsync(Officer, AuditAction.TokenCreated, target: "=HYPERLINK(\"x\")", detail: "one, two\nthree");

        using var output = new MemoryStream();
        await log.WriteCsvAsync(AuditFilter.All, output);

        var lines = Encoding.UTF8.GetString(output.ToArray()).Split("\r\n");
        Assert.Equal("time_utc,actor_kind,actor,action,request_id,target,detail", lines[0]);
        Assert.Equal("2026-03-10T12:00:00Z,Staff,officer@example.com,TokenCreated,,\"'=HYPERLINK(\"\"x\"\")\",\"one, two\nthree\"", lines[1]);
    }
}
