using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.Sources.Platform.Demo;

public class PlatformDemoSeedTests
{
    private static readonly FakeTimeProvider Time = new(DateTimeOffset.Parse("2026-11-24T09:00:00Z"));

    [Fact]
    public async Task SeedDevelopmentSetAsync_OnAnEmptyStore_WritesTheDemoSet()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();

        Assert.True(await PlatformDemoSeed.SeedDevelopmentSetAsync(db, Time, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(DemoSubjects.DevelopmentProfiles, await db.PlatformProfiles.CountAsync());
        Assert.True(await db.PlatformProfiles.AnyAsync(p => p.Email == DemoSubjects.JaneDoe));
    }

    [Fact]
    public async Task SeedDevelopmentSetAsync_WhenTheStoreHoldsData_LeavesItAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateDbContext();
        db.PlatformSurveyAnswers.Add(new PlatformSurveyAnswer { Survey = "Imported", Email = "someone@example.org", SubmittedAt = Time.GetUtcNow() });
        await db.SaveChangesAsync();

        Assert.False(await PlatformDemoSeed.SeedDevelopmentSetAsync(db, Time, NullLogger.Instance, CancellationToken.None));

        Assert.Equal(0, await db.PlatformProfiles.CountAsync());
        Assert.Equal(1, await db.PlatformSurveyAnswers.CountAsync());
    }
}
