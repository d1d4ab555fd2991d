using DataRequestPortal.Core.Data;

namespace DataRequestPortal.Migrations.SqlServer;

public sealed class SqlServerDesignTimeFactory()
    : DesignTimePortalDbContextFactory(DatabaseProvider.SqlServer, "Server=localhost;Database=DataRequestPortal;Trusted_Connection=True;TrustServerCertificate=True");
