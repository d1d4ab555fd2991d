using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace DataRequestPortal.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the Sqlite model without starting the portal; no database is contacted.</summary>
public sealed class DesignTimePortalDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDatabase.Configure(options, DatabaseProvider.Sqlite, "Data Source=App_Data/portal.db");
        return new PortalDbContext(options.Options);
    }
}
