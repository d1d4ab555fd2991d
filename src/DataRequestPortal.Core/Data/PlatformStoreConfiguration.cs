using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources.Platform;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

// The platform store's tables are indexed on every way a subject is looked up: address, profile and subprofile.

internal sealed class PlatformProfileConfiguration : IEntityTypeConfiguration<PlatformProfile>
{
    public void Configure(EntityTypeBuilder<PlatformProfile> entity)
    {
        entity.ToTable("PlatformProfiles");
        entity.Property(p => p.Database).HasMaxLength(100).IsRequired();
        entity.Property(p => p.Email).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.HasIndex(p => p.Email);
    }
}

internal sealed class PlatformSubprofileConfiguration : IEntityTypeConfiguration<PlatformSubprofile>
{
    public void Configure(EntityTypeBuilder<PlatformSubprofile> entity)
    {
        entity.ToTable("PlatformSubprofiles");
        entity.Property(p => p.Collection).HasMaxLength(100).IsRequired();
        entity.Property(p => p.Email).HasMaxLength(Subject.MaxEmailLength);
        entity.HasOne<PlatformProfile>().WithMany().HasForeignKey(p => p.ProfileId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(p => p.ProfileId);
        entity.HasIndex(p => p.Email);
    }
}

internal sealed class PlatformMessageConfiguration : IEntityTypeConfiguration<PlatformMessage>
{
    public void Configure(EntityTypeBuilder<PlatformMessage> entity)
    {
        entity.ToTable("PlatformMessages");
        entity.Property(m => m.Recipient).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.Property(m => m.Sender).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.Property(m => m.Subject).HasMaxLength(1000).IsRequired();
        entity.Property(m => m.Campaign).HasMaxLength(200).IsRequired();
        entity.HasIndex(m => m.Recipient);
        entity.HasIndex(m => m.ProfileId);
        entity.HasIndex(m => m.SubprofileId);
    }
}

internal sealed class PlatformAttachmentConfiguration : IEntityTypeConfiguration<PlatformAttachment>
{
    public void Configure(EntityTypeBuilder<PlatformAttachment> entity)
    {
        entity.ToTable("PlatformAttachments");
        entity.Property(a => a.FileName).HasMaxLength(255).IsRequired();
        entity.Property(a => a.ContentType).HasMaxLength(100).IsRequired();
        entity.Property(a => a.Sha256).HasMaxLength(64).IsRequired();
        entity.HasOne<PlatformMessage>().WithMany().HasForeignKey(a => a.MessageId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(a => a.MessageId);
    }
}

internal sealed class PlatformEventConfiguration : IEntityTypeConfiguration<PlatformEvent>
{
    public void Configure(EntityTypeBuilder<PlatformEvent> entity)
    {
        entity.ToTable("PlatformEvents");
        entity.Property(e => e.Recipient).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.Property(e => e.IpAddress).HasMaxLength(45);
        entity.Property(e => e.UserAgent).HasMaxLength(500);
        entity.Property(e => e.Url).HasMaxLength(2000);
        entity.HasOne<PlatformMessage>().WithMany().HasForeignKey(e => e.MessageId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(e => e.MessageId);
        entity.HasIndex(e => e.Recipient);
        entity.HasIndex(e => e.ProfileId);
        entity.HasIndex(e => e.SubprofileId);
    }
}

internal sealed class PlatformSurveyAnswerConfiguration : IEntityTypeConfiguration<PlatformSurveyAnswer>
{
    public void Configure(EntityTypeBuilder<PlatformSurveyAnswer> entity)
    {
        entity.ToTable("PlatformSurveyAnswers");
        entity.Property(s => s.Survey).HasMaxLength(200).IsRequired();
        entity.Property(s => s.Email).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.HasIndex(s => s.Email);
        entity.HasIndex(s => s.ProfileId);
        entity.HasIndex(s => s.SubprofileId);
    }
}
