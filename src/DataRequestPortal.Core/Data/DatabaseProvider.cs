namespace DataRequestPortal.Core.Data;

/// <summary>The value of <c>Database:Provider</c>.</summary>
public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
