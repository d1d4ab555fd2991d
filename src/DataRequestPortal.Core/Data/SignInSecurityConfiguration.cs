using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> entity)
    {
        entity.ToTable("SignInSessions");
        entity.HasKey(s => s.Id);
        entity.Property(s => s.Id).HasMaxLength(SignInSession.IdLength).ValueGeneratedNever();
        entity.Property(s => s.UserId).HasMaxLength(450).IsRequired();
        entity.Property(s => s.SecurityStamp).HasMaxLength(256).IsRequired();
        entity.Property(s => s.Ticket).IsRequired();
        entity.HasOne<PortalUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        entity.HasIndex(s => s.UserId);
        entity.HasIndex(s => s.ExpiresAt);
    }
}

internal sealed class SignInThrottleConfiguration : IEntityTypeConfiguration<SignInThrottle>
{
    public void Configure(EntityTypeBuilder<SignInThrottle> entity)
    {
        entity.ToTable("SignInThrottles");
        entity.HasKey(t => t.Key);
        entity.Property(t => t.Key).HasMaxLength(SignInThrottle.KeyLength).ValueGeneratedNever();
        entity.Property(t => t.Client).HasMaxLength(64);
        entity.Property(t => t.LastTarget).HasMaxLength(AuditEntry.MaxTargetLength);
        entity.Property(t => t.Version).IsConcurrencyToken();
        entity.HasIndex(t => t.LastAttemptAt);
    }
}
