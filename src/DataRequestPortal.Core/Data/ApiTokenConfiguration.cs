using DataRequestPortal.Core.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DataRequestPortal.Core.Data;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> entity)
    {
        entity.ToTable("ApiTokens");
        entity.HasKey(t => t.Id);
        entity.Property(t => t.Name).HasMaxLength(ApiToken.MaxNameLength).IsRequired();
        entity.Property(t => t.TokenHash).HasMaxLength(64).IsRequired();
        entity.Property(t => t.SigningSecret).HasMaxLength(64).IsRequired();
        entity.Ignore(t => t.IsRevoked);
        entity.HasIndex(t => t.TokenHash).IsUnique();
    }
}
