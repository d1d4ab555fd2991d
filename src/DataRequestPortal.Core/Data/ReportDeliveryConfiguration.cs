using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class ReportDeliveryConfiguration : IEntityTypeConfiguration<ReportDelivery>
{
    public void Configure(EntityTypeBuilder<ReportDelivery> entity)
    {
        entity.ToTable("ReportDeliveries");
        entity.HasKey(d => d.Id);
        entity.Property(d => d.Target).HasMaxLength(ReportTarget.MaxLength).IsRequired();
        entity.Property(d => d.Version).IsConcurrencyToken();
        entity.HasIndex(d => new { d.DataRequestId, d.Kind, d.TargetNumber }).IsUnique();
        entity.HasIndex(d => new { d.State, d.NextAttemptAt });
        entity.HasOne<DataRequest>().WithMany().HasForeignKey(d => d.DataRequestId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne(d => d.DigestMail).WithOne().HasForeignKey<ReportDelivery>(d => d.StaffDigestMailId).OnDelete(DeleteBehavior.Cascade);
        entity.HasOne<ApiToken>().WithMany().HasForeignKey(d => d.ApiTokenId).OnDelete(DeleteBehavior.Restrict);
        entity.HasMany(d => d.Attempts).WithOne().HasForeignKey(a => a.ReportDeliveryId).OnDelete(DeleteBehavior.Cascade);
        entity.Navigation(d => d.Attempts).HasField("attempts").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class StaffDigestMailConfiguration : IEntityTypeConfiguration<StaffDigestMail>
{
    public void Configure(EntityTypeBuilder<StaffDigestMail> entity)
    {
        entity.ToTable("StaffDigestMails");
        entity.HasKey(m => m.Id);
        entity.Property(m => m.UserId).HasMaxLength(450).IsRequired();

        // The database decides who sends a day's digest: a second insert for the same person and day fails.
        entity.HasIndex(m => new { m.UserId, m.Day }).IsUnique();
        entity.HasOne<PortalUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeliveryAttemptConfiguration : IEntityTypeConfiguration<DeliveryAttempt>
{
    public void Configure(EntityTypeBuilder<DeliveryAttempt> entity)
    {
        entity.ToTable("DeliveryAttempts");
        entity.HasKey(a => a.Id);
        entity.Property(a => a.Error).HasMaxLength(ReportDelivery.MaxErrorLength);
        entity.HasIndex(a => new { a.ReportDeliveryId, a.Number }).IsUnique();
    }
}
