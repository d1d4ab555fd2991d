using DataRequestPortal.Core.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entity)
    {
        entity.ToTable("AuditEntries");
        entity.HasKey(e => e.Id);
        entity.Property(e => e.ActorName).HasMaxLength(256).IsRequired();
        entity.Property(e => e.Target).HasMaxLength(AuditEntry.MaxTargetLength);
        entity.Property(e => e.Detail).HasMaxLength(AuditEntry.MaxDetailLength);

        // No foreign key to DataRequests: the log outlives anything it mentions.
        entity.HasIndex(e => e.At);
        entity.HasIndex(e => new { e.DataRequestId, e.At });
        entity.HasIndex(e => new { e.Action, e.At });
    }
}
