using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Sources.Platform;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// The portal's one database: Identity's tables, the requests with their timelines and collections, the platform store,
/// and the data-protection keys when several processes keep them there (<c>DataProtection:Store</c> <c>Database</c>).
/// </summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<DataRequest> DataRequests => Set<DataRequest>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    public DbSet<RequestReportTarget> ReportTargets => Set<RequestReportTarget>();

    public DbSet<RequestPause> RequestPauses => Set<RequestPause>();

    public DbSet<CollectionSourceRun> SourceRuns => Set<CollectionSourceRun>();

    public DbSet<ReviewDecision> ReviewDecisions => Set<ReviewDecision>();
    public DbSet<ManualTask> ManualTasks => Set<ManualTask>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<ReportDelivery> ReportDeliveries => Set<ReportDelivery>();

    public DbSet<DeliveryAttempt> DeliveryAttempts => Set<DeliveryAttempt>();

    public DbSet<StaffDigestMail> StaffDigestMails => Set<StaffDigestMail>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<SignInChallenge> SignInChallenges => Set<SignInChallenge>();

    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<PlatformProfile> PlatformProfiles => Set<PlatformProfile>();

    public DbSet<PlatformSubprofile> PlatformSubprofiles => Set<PlatformSubprofile>();

    public DbSet<PlatformMessage> PlatformMessages => Set<PlatformMessage>();

    public DbSet<PlatformAttachment> PlatformAttachments => Set<PlatformAttachment>();

    public DbSet<PlatformEvent> PlatformEvents => Set<PlatformEvent>();

    public DbSet<PlatformSurveyAnswer> PlatformSurveyAnswers => Set<PlatformSurveyAnswer>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe if members are ever reordered.
        configurationBuilder.Properties<RequestState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RequestChannel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Regime>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SubjectQuestion>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SubjectType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActorKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimelineEvent>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<SourceRunState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<DeliveryKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SignInPurpose>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<AuditAction>().HaveConversion<string>().HaveMaxLength(24);
        configurationBuilder.Properties<PlatformEventKind>().HaveConversion<string>().HaveMaxLength(16);

        if (Database.IsSqlite())
        {
            // SQLite has no date-time type; as numbers, instants can be compared and ordered in queries.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var detecting = PrepareAudit();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var detecting = PrepareAudit();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Keeps the audit log append-only, and copies each new timeline entry into it in the same transaction, so
    /// every change to a request is in the log whichever code made it. Changes are detected once, here: each look
    /// at the tracked entries, and the save itself, would otherwise detect them all again. Detection stays off until
    /// the caller, after the save, sets it back to the returned setting.
    /// </summary>
    private bool PrepareAudit()
    {
        var detecting = ChangeTracker.AutoDetectChangesEnabled;
        ChangeTracker.DetectChanges();
        ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (ChangeTracker.Entries<AuditEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            {
                throw new InvalidOperationException("Audit entries are never changed or removed.");
            }

            var added = ChangeTracker.Entries<TimelineEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
            foreach (var entry in added)
            {
                AuditEntries.Add(AuditEntryFor(entry, ExtendedRequest(entry)));
            }
        }
        catch
        {
            ChangeTracker.AutoDetectChangesEnabled = detecting;
            throw;
        }

        return detecting;
    }

    /// <summary>The request an extension entry belongs to, so its audit entry can say from which date to which.</summary>
    private DataRequest? ExtendedRequest(TimelineEntry entry) => entry.Event != TimelineEvent.DueDateExtended ? null
        : ChangeTracker.Entries<DataRequest>().Select(e => e.Entity).FirstOrDefault(r => r.Id == entry.DataRequestId);

    private static AuditEntry AuditEntryFor(TimelineEntry entry, DataRequest? extended)
    {
        var action = entry.Event switch
        {
            TimelineEvent.Filed => AuditAction.RequestFiled,
            TimelineEvent.DueDateExtended => AuditAction.DueDateExtended,
            TimelineEvent.CollectionResumed => AuditAction.CollectionResumed,
            TimelineEvent.Reviewed => AuditAction.ResultReviewed,
            TimelineEvent.ReleaseRequested => AuditAction.ReleaseRequested,
            TimelineEvent.ManualTaskCreated => AuditAction.ManualTaskCreated,
            TimelineEvent.ManualTaskUploaded => AuditAction.ManualTaskUploaded,
            TimelineEvent.ManualTaskAttested => AuditAction.ManualTaskAttested,
            _ => AuditAction.StateChanged,
        };
        var change = extended is { DueDateBeforeExtension: { } before, ExtendedDueDate: { } after }
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Due {before:yyyy-MM-dd} → {after:yyyy-MM-dd}")
            : entry.FromState is { } from && from != entry.ToState ? $"{from} → {entry.ToState}" : entry.ToState.ToString();
        var detail = entry.Reason is null ? change : $"{change}: {entry.Reason}";
        return new AuditEntry(entry.At, entry.Actor, action, entry.DataRequestId, detail: detail);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        if (Database.IsSqlServer())
        {
            // "The same person" is one canonical form compared ordinally. SQL Server compares text by the column's
            // collation, usually case- and width-insensitive, which would make two canonical forms one person there
            // and not on SQLite; a binary collation compares as the portal does.
            builder.Entity<DataRequest>().Property(r => r.SubjectId).UseCollation(OrdinalCollation);
            builder.Entity<SignInChallenge>().Property(c => c.Email).UseCollation(OrdinalCollation);
        }
    }

    /// <summary>SQL Server's collation that compares code points, as ordinal comparison does.</summary>
    public const string OrdinalCollation = "Latin1_General_100_BIN2";
}
