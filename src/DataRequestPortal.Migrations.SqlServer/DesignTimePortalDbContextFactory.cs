using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DataRequestPortal.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the SqlServer model without starting the portal; no database is contacted.</summary>
public sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, DatabaseProvider.SqlServer, "Server=localhost;Database=DataRequestPortal;Trusted_Connection=True;TrustServerCertificate=True");
        return new PortalDbContext(options.Options);
    }
}
