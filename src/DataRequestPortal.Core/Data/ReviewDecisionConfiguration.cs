using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class ReviewDecisionConfiguration : IEntityTypeConfiguration<ReviewDecision>
{
    public void Configure(EntityTypeBuilder<ReviewDecision> entity)
    {
        entity.ToTable("ReviewDecisions");
        entity.HasKey(d => d.Id);
        entity.Property(d => d.Field).HasMaxLength(ReviewDecision.MaxFieldLength).IsRequired();
        entity.Property(d => d.ReasonKey).HasMaxLength(100).IsRequired();
        entity.Property(d => d.ReasonText).HasMaxLength(ReviewDecision.MaxTextLength);
        entity.Property(d => d.DecidedBy).HasMaxLength(256).IsRequired();
        entity.Ignore(d => d.WithholdsRecord);

        // Two reviewers deciding the same thing at once: one decision stands, the other page is refused as stale.
        entity.HasIndex(d => new { d.DataRequestId, d.Category, d.Record, d.Field }).IsUnique();
        entity.HasOne<DataRequest>().WithMany().HasForeignKey(d => d.DataRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}
