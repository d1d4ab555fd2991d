using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class SignInChallengeConfiguration : IEntityTypeConfiguration<SignInChallenge>
{
    public void Configure(EntityTypeBuilder<SignInChallenge> entity)
    {
        entity.ToTable("SignInChallenges");
        entity.HasKey(c => c.Id);
        entity.Property(c => c.Id).ValueGeneratedNever();
        entity.Property(c => c.Email).HasMaxLength(Subject.MaxEmailLength).IsRequired();
        entity.Property(c => c.CodeHash).HasMaxLength(SignInChallenge.HashLength).IsRequired();
        entity.Property(c => c.LinkHash).HasMaxLength(SignInChallenge.HashLength).IsRequired();
        entity.Property(c => c.BrowserHash).HasMaxLength(SignInChallenge.HashLength).IsRequired();
        entity.Property(c => c.ClientHash).HasMaxLength(SignInChallenge.HashLength);
        entity.HasIndex(c => c.LinkHash).IsUnique();
        entity.HasIndex(c => new { c.Email, c.CreatedAt });
        entity.HasIndex(c => new { c.ClientHash, c.CreatedAt });
        entity.HasIndex(c => c.CreatedAt);
    }
}
