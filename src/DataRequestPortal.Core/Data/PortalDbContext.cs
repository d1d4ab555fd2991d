using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DataRequestPortal.Core.Data;

/// <summary>The portal's one database: Identity's tables and the requests with their timelines.</summary>
public class PortalDbContext(DbContextOptions<PortalDbContext> options) : IdentityDbContext<PortalUser>(options)
{
    public DbSet<DataRequest> DataRequests => Set<DataRequest>();

    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in the database and safe if members are ever reordered.
        configurationBuilder.Properties<RequestState>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<RequestChannel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<SubjectType>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<ActorKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<TimelineEvent>().HaveConversion<string>().HaveMaxLength(24);

        if (Database.IsSqlite())
        {
            // SQLite has no date-time type; as numbers, instants can be compared and ordered in queries.
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
            configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }
}
