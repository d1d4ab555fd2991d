using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Data;

/// <summary>What a failed save means, in terms the portal's rules use, whichever provider said it.</summary>
public static class DatabaseErrors
{
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqlServerDuplicateKeyIndex = 2601;
    private const int SqlServerDuplicateKeyConstraint = 2627;

    /// <summary>
    /// The save broke a unique key: another portal process stored the same thing first (the same active request, the same
    /// report-target number). The caller looks again and answers with what the other one stored.
    /// </summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => exception?.InnerException switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint
            && sqlite.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException sqlServer => sqlServer.Number is SqlServerDuplicateKeyIndex or SqlServerDuplicateKeyConstraint,
        _ => false,
    };
}
