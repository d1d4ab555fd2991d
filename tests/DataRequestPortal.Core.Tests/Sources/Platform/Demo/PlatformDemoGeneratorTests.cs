using System.Security.Cryptography;
using System.Text;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Tests.Sources.Platform.Demo;

public class PlatformDemoGeneratorTests
{
    private static readonly DateTimeOffset Today = DateTimeOffset.Parse("2026-11-24T09:30:00Z");

    [Fact]
    public async Task WriteDevelopmentSetAsync_SameSeedAndDay_WritesTheSameRowsTwice()
    {
        await using var first = await DevelopmentSetAsync(Today);
        await using var second = await DevelopmentSetAsync(Today.AddHours(10));

        Assert.Equal(await FingerprintAsync(first), await FingerprintAsync(second));
    }

    [Fact]
    public async Task WriteDevelopmentSetAsync_FillsTheTotalsTheReadmePromises()
    {
        await using var database = await DevelopmentSetAsync(Today);
        await using var db = database.CreateDbContext();

        Assert.Equal(DemoSubjects.DevelopmentProfiles, await db.PlatformProfiles.CountAsync());
        Assert.Equal(430, await db.PlatformSubprofiles.CountAsync());
        Assert.Equal(2_612, await db.PlatformMessages.CountAsync());
        Assert.Equal(241, await db.PlatformAttachments.CountAsync());
        Assert.Equal(4_872, await db.PlatformEvents.CountAsync());
        Assert.Equal(18, await db.PlatformSurveyAnswers.CountAsync());
        Assert.Equal(await db.PlatformProfiles.CountAsync(), await db.PlatformProfiles.Select(p => p.Email).Distinct().CountAsync());
    }

    [Theory]
    [InlineData("2026-11-24T09:30:00Z")]
    [InlineData("2027-06-30T23:59:00Z")]
    public async Task WriteDevelopmentSetAsync_JaneDoeOnAnyDay_HasTheHistoryTheReadmePromises(string now)
    {
        await using var database = await DevelopmentSetAsync(DateTimeOffset.Parse(now));

        var jane = await CollectAsync(database, SubjectType.Email, DemoSubjects.JaneDoe);

        Assert.Equal([1], jane.Ids("profile"));
        Assert.Equal([1, 2], jane.Ids("subprofile"));
        Assert.Equal(48, jane.Ids("message").Count);
        Assert.Equal(48, jane.Ids("mime").Count);
        Assert.Equal(8, jane.Ids("attachment").Count);
        Assert.Equal(54, jane.Ids("open").Count);
        Assert.Equal(23, jane.Ids("click").Count);
        Assert.Equal(3, jane.Ids("survey").Count);
        Assert.Equal(6, jane.Records("attachment").Count(a => a.GetProperty("contentType").GetString() == "application/pdf"));
        Assert.Equal(2, jane.Records("attachment").Count(a => a.GetProperty("contentType").GetString() == "text/calendar"));
        Assert.Equal("Jane", jane.Records("profile")[0].GetProperty("fields").GetProperty("firstname").GetString());
    }

    [Fact]
    public async Task WriteDevelopmentSetAsync_ProfileTwoAndItsMembership_HaveTheirOwnHistories()
    {
        await using var database = await DevelopmentSetAsync(Today);

        var profile = await CollectAsync(database, SubjectType.Profile, DemoSubjects.MohammedProfile.ToString());
        var membership = await CollectAsync(database, SubjectType.Subprofile, DemoSubjects.MohammedMembershipSubprofile.ToString());

        Assert.Equal(DemoSubjects.MohammedElAmrani, profile.Records("profile")[0].GetProperty("email").GetString());
        Assert.Equal([3, 4], profile.Ids("subprofile"));
        Assert.Equal(20 + DemoSubjects.MohammedMembershipMessages, profile.Ids("message").Count);
        Assert.Equal(5, profile.Ids("attachment").Count);
        Assert.Equal(43, profile.Ids("open").Count);
        Assert.Equal(19, profile.Ids("click").Count);
        Assert.Single(profile.Ids("survey"));

        Assert.Equal([4], membership.Ids("subprofile"));
        Assert.Equal(DemoSubjects.MohammedMembershipMessages, membership.Ids("message").Count);
        Assert.All(membership.Records("message"), m => Assert.Equal(DemoSubjects.MohammedWorkAddress, m.GetProperty("recipient").GetString()));
        Assert.Equal(2, membership.Ids("attachment").Count);
        Assert.Equal(16, membership.Ids("open").Count);
        Assert.Equal(11, membership.Ids("click").Count);
        Assert.Single(membership.Ids("survey"));
    }

    [Fact]
    public async Task WriteDevelopmentSetAsync_OtherNamedSubjects_AreWhatTheReadmeSays()
    {
        await using var database = await DevelopmentSetAsync(Today);

        var zoe = await CollectAsync(database, SubjectType.Email, DemoSubjects.ZoeMuller);
        var visitor = await CollectAsync(database, SubjectType.Email, DemoSubjects.SurveyOnlyVisitor);
        var nobody = await CollectAsync(database, SubjectType.Email, DemoSubjects.Unknown);

        Assert.Equal([3], zoe.Ids("profile"));
        Assert.Equal(15, zoe.Ids("message").Count);
        Assert.Single(zoe.Ids("attachment"));
        var mime = zoe.Records("mime")[0].GetProperty("mime").GetString()!;
        var to = mime.Split("\r\n").Single(line => line.StartsWith("To: ", StringComparison.Ordinal));
        Assert.Equal("To: =?utf-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Zoë Müller")) + "?= <zoe.muller@example.com>", to);

        Assert.Empty(visitor.Ids("profile"));
        Assert.Empty(visitor.Ids("message"));
        Assert.Equal(2, visitor.Ids("survey").Count);

        Assert.All(nobody.Categories, c => Assert.Equal(0, c.Records));
    }

    [Fact]
    public async Task WriteDevelopmentSetAsync_Attachments_AreTheFilesInTheMimeMessages()
    {
        await using var database = await DevelopmentSetAsync(Today);
        await using var db = database.CreateDbContext();

        var attachments = await db.PlatformAttachments
            .Join(db.PlatformMessages, a => a.MessageId, m => m.Id, (a, m) => new { Attachment = a, m.Mime })
            .ToListAsync();

        Assert.NotEmpty(attachments);
        foreach (var item in attachments)
        {
            var file = item.Attachment;
            Assert.Equal(file.Size, file.Content.Length);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file.Content)), file.Sha256);
            Assert.Equal(file.Content, MimeParts.Attachment(item.Mime, file.FileName));
            Assert.Contains($"Content-Type: {file.ContentType}; name=\"{file.FileName}\"", item.Mime);
        }
    }

    [Fact]
    public async Task WriteDevelopmentSetAsync_MimeMessages_CarryTheTextAndHtmlVersions()
    {
        await using var database = await DevelopmentSetAsync(Today);
        await using var db = database.CreateDbContext();

        var messages = await db.PlatformMessages.OrderBy(m => m.Id).Take(200).ToListAsync();

        foreach (var message in messages)
        {
            Assert.All(message.Mime.Split("\r\n"), line => Assert.True(line.Length <= 998, "A MIME line is longer than RFC 5322 allows."));
            Assert.DoesNotContain("\n", message.Mime.Replace("\r\n", "", StringComparison.Ordinal));
            Assert.Contains("MIME-Version: 1.0\r\n", message.Mime);
            Assert.Contains("multipart/alternative", message.Mime);
            Assert.Equal(message.Text!.Replace("\n", "\r\n", StringComparison.Ordinal), MimeParts.Text(message.Mime, "text/plain"));
            Assert.Equal(message.Html!.Replace("\n", "\r\n", StringComparison.Ordinal), MimeParts.Text(message.Mime, "text/html"));
        }
    }

    [Fact]
    public async Task WriteLargeSetAsync_ReachesTheTotalsExactlyWithBenchmarkSubjectsOfTheirSize()
    {
        await using var database = await TestDatabase.CreateAsync();
        var size = new DemoSetSize(Profiles: 40, Messages: 2_500, Events: 20_000);

        LargeDemoSet written;
        await using (var db = database.CreateDbContext())
        {
            written = await PlatformDemoSeed.WriteLargeSetAsync(db, size, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Today), null, CancellationToken.None);
        }

        await using (var db = database.CreateDbContext())
        {
            Assert.Equal(40, await db.PlatformProfiles.CountAsync());
            Assert.Equal(2_500, await db.PlatformMessages.CountAsync());
            Assert.Equal(20_000, await db.PlatformEvents.CountAsync());
        }

        Assert.Equal((40L, 2_500L, 20_000L), (written.Counts.Profiles, written.Counts.Messages, written.Counts.Events));
        Assert.Equal([BenchmarkSubject.EmailFor(1_000), BenchmarkSubject.EmailFor(10_000)], written.Subjects.Select(s => s.Email));
        Assert.Equal([1L, 2L], written.Subjects.Select(s => s.ProfileId));
        foreach (var subject in written.Subjects)
        {
            var result = await CollectAsync(database, SubjectType.Email, subject.Email);
            Assert.Equal(subject.Records, result.Categories.Sum(c => c.Records));
        }
    }

    [Fact]
    public async Task WriteLargeSetAsync_IntoAStoreWithData_RefusesAndSaysWhatToDo()
    {
        await using var database = await DevelopmentSetAsync(Today);
        await using var db = database.CreateDbContext();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            PlatformDemoSeed.WriteLargeSetAsync(db, DemoSetSize.Default, TimeProvider.System, null, CancellationToken.None));

        Assert.Contains("already holds data", error.Message);
        Assert.Contains("ConnectionStrings__Portal", error.Message);
    }

    private static async Task<TestDatabase> DevelopmentSetAsync(DateTimeOffset now)
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        await using var writer = await PlatformStoreWriter.OpenAsync(db);
        await new PlatformDemoGenerator(writer, now).WriteDevelopmentSetAsync(CancellationToken.None);
        await writer.CompleteAsync(CancellationToken.None);
        return database;
    }

    private static Task<CollectedRecords> CollectAsync(TestDatabase database, SubjectType type, string identifier) =>
        CollectedRecords.CollectAsync(new PlatformStoreSource(database, new PlatformStoreOptions()), Subject.Create(type, identifier));

    /// <summary>A hash over every row of every platform table, in id order.</summary>
    private static async Task<string> FingerprintAsync(TestDatabase database)
    {
        await using var db = database.CreateDbContext();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string value) => hash.AppendData(Encoding.UTF8.GetBytes(value + "\u0001"));
        foreach (var p in await db.PlatformProfiles.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{p.Id}|{p.Database}|{p.Email}|{p.FieldsJson}|{p.CreatedAt:O}|{p.ModifiedAt:O}");
        }

        foreach (var s in await db.PlatformSubprofiles.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{s.Id}|{s.ProfileId}|{s.Collection}|{s.Email}|{s.FieldsJson}|{s.CreatedAt:O}|{s.ModifiedAt:O}");
        }

        foreach (var m in await db.PlatformMessages.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{m.Id}|{m.Recipient}|{m.ProfileId}|{m.SubprofileId}|{m.Sender}|{m.Subject}|{m.Campaign}|{m.SentAt:O}|{m.Mime}|{m.Html}|{m.Text}");
        }

        foreach (var a in await db.PlatformAttachments.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{a.Id}|{a.MessageId}|{a.FileName}|{a.ContentType}|{a.Size}|{a.Sha256}|{Convert.ToBase64String(a.Content)}");
        }

        foreach (var e in await db.PlatformEvents.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{e.Id}|{e.MessageId}|{e.Recipient}|{e.ProfileId}|{e.SubprofileId}|{e.Kind}|{e.At:O}|{e.IpAddress}|{e.UserAgent}|{e.Url}");
        }

        foreach (var s in await db.PlatformSurveyAnswers.OrderBy(x => x.Id).ToListAsync())
        {
            Add($"{s.Id}|{s.Survey}|{s.Email}|{s.ProfileId}|{s.SubprofileId}|{s.SubmittedAt:O}|{s.AnswersJson}");
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }
}
