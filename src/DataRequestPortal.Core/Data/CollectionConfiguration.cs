using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class CollectionSourceRunConfiguration : IEntityTypeConfiguration<CollectionSourceRun>
{
    public void Configure(EntityTypeBuilder<CollectionSourceRun> entity)
    {
        entity.ToTable("SourceRuns");
        entity.HasKey(r => r.Id);
        entity.Property(r => r.SourceKey).HasMaxLength(100).IsRequired();
        entity.Property(r => r.SourceTitle).HasMaxLength(200).IsRequired();
        entity.Property(r => r.Error).HasMaxLength(DataRequest.MaxReasonLength);
        entity.HasIndex(r => new { r.DataRequestId, r.Position }).IsUnique();
        entity.HasOne<DataRequest>().WithMany().HasForeignKey(r => r.DataRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ManualTaskConfiguration : IEntityTypeConfiguration<ManualTask>
{
    public void Configure(EntityTypeBuilder<ManualTask> entity)
    {
        entity.ToTable("ManualTasks");
        entity.HasKey(t => t.Id);
        entity.Property(t => t.SourceKey).HasMaxLength(100).IsRequired();
        entity.Property(t => t.SourceTitle).HasMaxLength(200).IsRequired();
        entity.Property(t => t.Assignee).HasMaxLength(320).IsRequired();
        entity.Property(t => t.CompletedBy).HasMaxLength(256);
        entity.Property(t => t.Note).HasMaxLength(ManualTask.MaxNoteLength);
        entity.Property(t => t.Version).IsConcurrencyToken();
        entity.Ignore(t => t.IsOpen);
        entity.HasIndex(t => new { t.DataRequestId, t.Number }).IsUnique();
        entity.HasIndex(t => new { t.DataRequestId, t.SourceKey }).IsUnique();
        entity.HasIndex(t => t.State);
        entity.HasOne<DataRequest>().WithMany().HasForeignKey(t => t.DataRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
