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
