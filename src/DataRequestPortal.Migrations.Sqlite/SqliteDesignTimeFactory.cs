using DataRequestPortal.Core.Data;

namespace DataRequestPortal.Migrations.Sqlite;

public sealed class SqliteDesignTimeFactory()
    : DesignTimePortalDbContextFactory(DatabaseProvider.Sqlite, PortalDatabase.DefaultSqliteConnectionString);
