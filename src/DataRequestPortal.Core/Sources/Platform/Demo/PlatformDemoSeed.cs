using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>Fills an empty platform store with demo data: the small development set at start-up, or a large set on request.</summary>
public static partial class PlatformDemoSeed
{
    /// <summary>Writes the development set when the store is empty (<c>Seed:DemoData</c>); a store with data is left alone.</summary>
    public static async Task<bool> SeedDevelopmentSetAsync(PortalDbContext db, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!await IsEmptyAsync(db, cancellationToken))
        {
            return false;
        }

        PlatformStoreCounts counts;
        await using (var writer = await PlatformStoreWriter.OpenAsync(db, cancellationToken: cancellationToken))
        {
            await new PlatformDemoGenerator(writer, time.GetUtcNow()).WriteDevelopmentSetAsync(cancellationToken);
            await writer.CompleteAsync(cancellationToken);
            counts = writer.Committed;
        }

        LogSeeded(logger, counts.Profiles, counts.Messages, counts.Events, DemoSubjects.JaneDoe, DemoSubjects.MohammedProfile, DemoSubjects.MohammedMembershipSubprofile);
        return true;
    }

    public const string NotEmptyMessage =
        "The platform store already holds data; seed-demo fills an empty one. Point ConnectionStrings:Portal at a new database "
        + "(for example ConnectionStrings__Portal=\"Data Source=App_Data/benchmark.db\") and run it again.";

    /// <summary>Writes a large set for benchmarks. The store must be empty, so the benchmark subjects get known ids and exact sizes.</summary>
    /// <param name="progress">Hears the running totals after every committed transaction.</param>
    public static async Task<LargeDemoSet> WriteLargeSetAsync(
        PortalDbContext db, DemoSetSize size, TimeProvider time, Action<PlatformStoreCounts>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        if (!await IsEmptyAsync(db, cancellationToken))
        {
            throw new InvalidOperationException(NotEmptyMessage);
        }

        await using var writer = await PlatformStoreWriter.OpenAsync(db, progress, cancellationToken);
        var subjects = await new PlatformDemoGenerator(writer, time.GetUtcNow()).WriteLargeSetAsync(size, cancellationToken);
        await writer.CompleteAsync(cancellationToken);
        return new LargeDemoSet(writer.Committed, subjects);
    }

    public static async Task<bool> IsEmptyAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        !await db.PlatformProfiles.AnyAsync(cancellationToken)
        && !await db.PlatformMessages.AnyAsync(cancellationToken)
        && !await db.PlatformSurveyAnswers.AnyAsync(cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded the platform store with demo data: {Profiles} profiles, {Messages} mails, {Events} opens and clicks. Try {Email}, profile {Profile} or subprofile {Subprofile}.")]
    private static partial void LogSeeded(ILogger logger, long profiles, long messages, long events, string email, int profile, int subprofile);
}

/// <summary>What a large demo set holds: the rows per table and the benchmark subjects in it.</summary>
public sealed record LargeDemoSet(PlatformStoreCounts Counts, IReadOnlyList<BenchmarkSubject> Subjects);
