using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class DataRequestConfiguration : IEntityTypeConfiguration<DataRequest>
{
    /// <summary>The unique index that allows one active self-service request per subject.</summary>
    public const string ActiveSelfServiceIndex = "UX_DataRequests_ActiveSelfService";

    /// <summary>The unique index that allows one open request per API client and subject.</summary>
    public const string OpenApiRequestIndex = "UX_DataRequests_OpenApiRequest";

    private static string StateList(IEnumerable<RequestState> states) => string.Join(", ", states.Select(s => $"'{s}'"));

    public void Configure(EntityTypeBuilder<DataRequest> entity)
    {
        entity.ToTable("DataRequests");
        entity.HasKey(r => r.Id);
        entity.Property(r => r.Id).ValueGeneratedNever();
        entity.Property(r => r.SubjectId).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.Property(r => r.DenialReason).HasMaxLength(DataRequest.MaxReasonLength);
        entity.Property(r => r.CancellationReason).HasMaxLength(DataRequest.MaxReasonLength);
        entity.Property(r => r.ExtensionReason).HasMaxLength(DataRequest.MaxReasonLength);
        entity.Property(r => r.Language).HasMaxLength(16);
        entity.Property(r => r.Version).IsConcurrencyToken();
        entity.Ignore(r => r.Subject);
        entity.Ignore(r => r.IsExtended);
        entity.Ignore(r => r.OpenPause);
        entity.Ignore(r => r.ShowsToSubject);
        entity.Property(r => r.LeaseOwner).HasMaxLength(200);
        entity.Property(r => r.FailedSource).HasMaxLength(100);
        entity.Property(r => r.FailureMessage).HasMaxLength(DataRequest.MaxReasonLength);
        entity.ComplexProperty(r => r.Progress, progress =>
        {
            progress.Property(p => p.SourcesDone).HasColumnName("SourcesDone");
            progress.Property(p => p.SourcesTotal).HasColumnName("SourcesTotal");
            progress.Property(p => p.Records).HasColumnName("RecordsCollected");
            progress.Property(p => p.Bytes).HasColumnName("BytesCollected");
            progress.Ignore(p => p.Percent);
        });
        entity.ComplexProperty(r => r.Result, result =>
        {
            result.Property(p => p.Bytes).HasColumnName("ResultBytes");
            result.Property(p => p.Sha256).HasColumnName("ResultSha256").HasMaxLength(64);
        });
        entity.ComplexProperty(r => r.OriginalResult, result =>
        {
            result.Property(p => p.Bytes).HasColumnName("OriginalResultBytes");
            result.Property(p => p.Sha256).HasColumnName("OriginalResultSha256").HasMaxLength(64);
        });
        entity.HasIndex(r => r.OriginalKeptUntil);

        entity.HasIndex(r => new { r.SubjectType, r.SubjectId });
        entity.HasIndex(r => r.State);
        entity.HasIndex(r => r.DueDate);
        entity.HasIndex(r => new { r.State, r.LeaseExpiresAt });
        // The collector's claims: the queued requests in due-date order, read from the front (see RequestLeases).
        entity.HasIndex(r => new { r.State, r.DueDate, r.ReceivedAt });

        // No foreign key to ApiTokens: tokens are revoked, never deleted, and SQLite could add one only by rebuilding this table.
        // The index serves an API client's lookups, including its open request for a subject (duplicate filings).
        entity.HasIndex(r => new { r.ApiTokenId, r.SubjectType, r.SubjectId });

        // The database, not one process, keeps the rules two portal processes filing at the same instant would both
        // pass: one active self-service request per subject, and one open request per API client and subject (a
        // repeat is answered as a duplicate). The filters name columns in brackets, which SQLite and SQL Server both read.
        entity.HasIndex(r => new { r.SubjectType, r.SubjectId }, ActiveSelfServiceIndex).IsUnique()
            .HasFilter($"[Channel] = '{RequestChannel.SelfService}' AND [State] IN ({StateList([RequestState.Unverified, .. RequestLifecycle.OpenStates])})");
        entity.HasIndex(r => new { r.ApiTokenId, r.SubjectType, r.SubjectId }, OpenApiRequestIndex).IsUnique()
            .HasFilter($"[ApiTokenId] IS NOT NULL AND [State] IN ({StateList(RequestLifecycle.OpenStates)})");

        entity.HasMany(r => r.Timeline)
            .WithOne()
            .HasForeignKey(t => t.DataRequestId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(r => r.Timeline).HasField("timeline").UsePropertyAccessMode(PropertyAccessMode.Field);

        entity.HasMany(r => r.ReportTargets)
            .WithOne()
            .HasForeignKey(t => t.DataRequestId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(r => r.ReportTargets).HasField("reportTargets").UsePropertyAccessMode(PropertyAccessMode.Field);

        entity.HasMany(r => r.Pauses)
            .WithOne()
            .HasForeignKey(p => p.DataRequestId)
            .OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(r => r.Pauses).HasField("pauses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class RequestPauseConfiguration : IEntityTypeConfiguration<RequestPause>
{
    public void Configure(EntityTypeBuilder<RequestPause> entity)
    {
        entity.ToTable("RequestPauses");
        entity.HasKey(p => p.Id);
        entity.Property(p => p.Message).HasMaxLength(DataRequest.MaxReasonLength).IsRequired();
        entity.Property(p => p.Answer).HasMaxLength(DataRequest.MaxReasonLength);
        entity.Property(p => p.AskedBy).HasMaxLength(256).IsRequired();
        entity.Property(p => p.EndedBy).HasMaxLength(256);
        entity.Ignore(p => p.IsWaiting);
        entity.HasIndex(p => new { p.DataRequestId, p.Number }).IsUnique();
    }
}

internal sealed class RequestReportTargetConfiguration : IEntityTypeConfiguration<RequestReportTarget>
{
    public void Configure(EntityTypeBuilder<RequestReportTarget> entity)
    {
        entity.ToTable("ReportTargets");
        entity.HasKey(t => t.Id);
        entity.Property(t => t.Target).HasMaxLength(ReportTarget.MaxLength).IsRequired();
        entity.Ignore(t => t.IsUrl);

        // Two portal processes adding a target to the same request at once take the same number: one of them retries.
        entity.HasIndex(t => new { t.DataRequestId, t.Number }).IsUnique();
    }
}

internal sealed class TimelineEntryConfiguration : IEntityTypeConfiguration<TimelineEntry>
{
    public void Configure(EntityTypeBuilder<TimelineEntry> entity)
    {
        entity.ToTable("TimelineEntries");
        entity.HasKey(t => t.Id);
        entity.Property(t => t.ActorName).HasMaxLength(256).IsRequired();
        entity.Property(t => t.Reason).HasMaxLength(DataRequest.MaxReasonLength);
        entity.Ignore(t => t.Actor);
        entity.HasIndex(t => new { t.DataRequestId, t.At });
    }
}
