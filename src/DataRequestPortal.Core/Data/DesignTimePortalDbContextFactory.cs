using Microsoft.EntityFrameworkCore.Design;

namespace DataRequestPortal.Core.Data;

/// <summary>
/// Lets `dotnet ef` build one provider's model without starting the portal; each migrations assembly
/// names its provider. No database is contacted to add a migration or generate a script.
/// </summary>
public abstract class DesignTimePortalDbContextFactory(DatabaseProvider provider, string connectionString)
    : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args) => new(PortalDatabase.Options(provider, connectionString));
}
