using Microsoft.Data.Sqlite;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A web shop's own SQLite file, as a SQL source reads it: customers (with a JSON preferences column and a
/// picture) and orders, for Jane (profile 42) and John (profile 77). Deleted when the test ends.
/// </summary>
public sealed class ShopDatabase : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "drp-tests", Guid.NewGuid().ToString("N"));

    private ShopDatabase()
    {
        Directory.CreateDirectory(directory);
        File = Path.Combine(directory, "shop.db");
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = File, Pooling = false }.ToString();
    }

    public string File { get; }

    public string ConnectionString { get; }

    public static ShopDatabase Create()
    {
        var database = new ShopDatabase();
        database.Execute("""
            CREATE TABLE customers (id INTEGER PRIMARY KEY, email TEXT NOT NULL, profile_id INTEGER, name TEXT, city TEXT, preferences TEXT, picture BLOB);
            CREATE TABLE orders (id INTEGER PRIMARY KEY, email TEXT NOT NULL, profile_id INTEGER, placed_at TEXT, total REAL, items INTEGER, note TEXT);
            INSERT INTO customers VALUES (1, 'jane@example.com', 42, 'Jane Doe', 'Utrecht', '{"newsletter":true,"language":"nl"}', X'010203');
            INSERT INTO customers VALUES (2, 'john@example.com', 77, 'John Roe', 'Leeds', '{}', NULL);
            INSERT INTO orders VALUES (1001, 'jane@example.com', 42, '2026-01-15T10:30:00Z', 59.95, 2, 'Gift wrap, "please"');
            INSERT INTO orders VALUES (1002, 'john@example.com', 77, '2026-02-01T08:00:00Z', 12.5, 1, NULL);
            INSERT INTO orders VALUES (1003, 'jane@example.com', 42, '2026-03-02T16:45:00Z', 120, 3, NULL);
            """);
        return database;
    }

    public long Count(string table)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine; the temp folder is cleaned eventually.
        }
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
