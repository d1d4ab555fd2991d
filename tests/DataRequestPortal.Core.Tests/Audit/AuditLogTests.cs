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
    public async Task AnExtension_IsLogged_WithTheOldAndTheNewDueDate()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var filed = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Officer, "Passport seen at the desk");
        await using (var db = database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
            request.ExtendDueDate(2, Officer, "Archives on tape", clock);
            await db.SaveChangesAsync();
        }

        var page = await new AuditLog(database, clock).SearchAsync(new AuditFilter(RequestId: filed.Id, Action: AuditAction.DueDateExtended), 0, 50);

        Assert.Equal("Due 2026-04-10 → 2026-06-10: Archives on tape", Assert.Single(page.Entries).Detail);
    }

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
    public async Task ChangesAfterASave_InTheSameContext_AreSavedAndLogged_AfterARefusedSaveToo()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, time) = TestClock.At("2026-03-10T12:00:00Z");
        var filed = await new RequestFiling(database, clock, new RequestStatusNotifier())
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Officer, "Passport seen at the desk");
        await new AuditLog(database, clock).RecordDownloadAsync(Officer, filed.Id, "json");
        await using (var db = database.CreateDbContext())
        {
            var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == filed.Id);
            request.ExtendDueDate(2, Officer, "Archives on tape", clock);
            await db.SaveChangesAsync();

            // A save refused for touching the log, then changes made to what the context already tracks.
            var download = await db.AuditEntries.SingleAsync(e => e.Action == AuditAction.ResultDownloaded);
            db.AuditEntries.Remove(download);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.Entry(download).State = EntityState.Unchanged;
            time.Advance(TimeSpan.FromMinutes(5));
            request.Cancel(Officer, clock, "Filed twice");
            await db.SaveChangesAsync();
        }

        await using var check = database.CreateDbContext();
        Assert.Equal(RequestState.Cancelled, (await check.DataRequests.SingleAsync(r => r.Id == filed.Id)).State);
        var page = await new AuditLog(database, clock).SearchAsync(new AuditFilter(RequestId: filed.Id), 0, 50);
        Assert.Equal("Queued → Cancelled: Filed twice", page.Entries[0].Detail);
        Assert.Equal(AuditAction.DueDateExtended, page.Entries[1].Action);
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

    [Theory]
    [InlineData(" 4000000000000001 ", 4_000_000_000_000_001L, null)]
    [InlineData(" jane@example.com ", null, "jane@example.com")]
    [InlineData("12 Main Street", null, "12 Main Street")]
    [InlineData("   ", null, null)]
    public void Searching_ANumberFindsThatRequest_OtherTextIsLookedFor_OtherFiltersStay(string typed, long? requestId, string? text)
    {
        var day = new DateOnly(2026, 3, 10);
        var before = new AuditFilter(day, day, AuditAction.StateChanged, "officer@example.com", 7, "old search");

        var after = before.Searching(typed);

        Assert.Equal(new AuditFilter(day, day, AuditAction.StateChanged, "officer@example.com", requestId, text), after);
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
        Assert.Equal("\"time_utc\",\"actor_kind\",\"actor\",\"action\",\"request_id\",\"target\",\"detail\"", lines[0]);
        Assert.Equal("\"2026-03-10T12:00:00Z\",\"Staff\",\"officer@example.com\",\"TokenCreated\",\"\",\"'=HYPERLINK(\"\"x\"\")\",\"one, two\nthree\"", lines[1]);
        Assert.Equal(["2026-03-10T12:00:00Z", "Staff", "officer@example.com", "TokenCreated", "", "'=HYPERLINK(\"x\")", "one, two\nthree"], CsvCells(lines[1]));
    }

    [Theory]
    [InlineData("x;=1+2;@y.z")]
    [InlineData("x,=1+2,@y.z")]
    [InlineData("x\t=1+2\t@y.z")]
    [InlineData("x|=1+2|@y.z")]
    [InlineData("x\n=1+2\r+3\r\n-4")]
    [InlineData("x;+cmd|' /C calc'!A0@y.z")]
    [InlineData("x;-2+3@y.z")]
    [InlineData("x;\t=1@y.z")]
    [InlineData("x;\r=1@y.z")]
    [InlineData("x; =1+2@y.z")]
    [InlineData("x;\"=1+2@y.z")]
    [InlineData("x;＝1+2;＋3;－4;＠y.z")]
    [InlineData("=1+2;@y.z")]
    [InlineData("@SUM(1+2)")]
    public async Task WriteCsvAsync_TypedSignInAddress_IsNoFormulaWhateverTheSpreadsheetsSeparator(string typed)
    {
        await using var database = await TestDatabase.CreateAsync();
        var (clock, _) = TestClock.At("2026-03-10T12:00:00Z");
        var log = new AuditLog(database, clock);
        await log.RecordAsync(Actor.Staff(typed), AuditAction.SignInFailed, target: typed, detail: $"unknown address {typed}");

        using var output = new MemoryStream();
        await log.WriteCsvAsync(AuditFilter.All, output);
        var text = Encoding.UTF8.GetString(output.ToArray());
        var row = text[(text.IndexOf("\r\n", StringComparison.Ordinal) + 2)..].TrimEnd('\r', '\n');

        var cells = CsvCells(row);
        Assert.Equal(7, cells.Count);
        Assert.All(cells, cell => Assert.False(StartsFormula(cell), $"comma-separated cell '{cell}'"));
        if (!typed.Contains('\''))
        {
            Assert.Equal(typed, Undefused(cells[5]));
        }
        foreach (var separator in new[] { ';', '\t', '|' })
        {
            Assert.All(NaiveCells(text, separator), cell => Assert.False(StartsFormula(cell), $"'{separator}'-separated cell '{cell}'"));
        }

        Assert.All(NaiveCells(text, ','), cell => Assert.False(StartsFormula(cell), $"naively comma-separated cell '{cell}'"));
    }

    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];

    // A spreadsheet that trims pieces or takes a leading quote as a text qualifier sees what follows them.
    private static bool StartsFormula(string cell) => cell.TrimStart(' ', '"').Length > 0 && FormulaStarts.Contains(cell.TrimStart(' ', '"')[0]);

    /// <summary>The text a cell held before the apostrophes that defuse formulas were added.</summary>
    private static string Undefused(string cell) =>
        System.Text.RegularExpressions.Regex.Replace(cell, "(^|[,;\t|\r\n][ \"]*)'", "$1");

    /// <summary>One row split as RFC 4180 does: commas separate, double quotes enclose a cell and "" is a quote inside.</summary>
    private static List<string> CsvCells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (quoted && c == '"' && i + 1 < row.Length && row[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    /// <summary>The file as a spreadsheet set to another separator reads it: split on that separator and on every line break, quotes ignored.</summary>
    private static string[] NaiveCells(string text, char separator) => text.Split([separator, '\r', '\n']);
}
