using System.Data.Common;
using System.Text;
using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DataRequestPortal.Core.Sources.Platform;

/// <summary>
/// Fills the platform store in bulk with plain ADO.NET: per table one prepared multi-row INSERT, reused for every
/// batch, inside transactions of <see cref="RowsPerTransaction"/> rows. Change tracking would be far too slow for
/// millions of rows. Ids are handed out here, so a row's children can point at it before anything is written;
/// column names and value conversions come from the EF model, so both database providers get what they expect.
/// </summary>
public sealed class PlatformStoreWriter : IAsyncDisposable
{
    public const int RowsPerTransaction = 100_000;

    private const int PendingRowsBeforeWrite = 10_000;

    // Well under SQLite's and SQL Server's limits on parameters per statement.
    private const int ParametersPerStatement = 1_000;

    private readonly PortalDbContext db;
    private readonly DbConnection connection;
    private readonly Action<PlatformStoreCounts>? committed;
    private readonly bool sqlite;
    private readonly Table<PlatformProfile> profiles;
    private readonly Table<PlatformSubprofile> subprofiles;
    private readonly Table<PlatformMessage> messages;
    private readonly Table<PlatformAttachment> attachments;
    private readonly Table<PlatformEvent> events;
    private readonly Table<PlatformSurveyAnswer> surveys;

    // Parents before children, so every foreign key points at a row already written.
    private readonly ITable[] tables;
    private DbTransaction? transaction;
    private int pending;
    private int sinceCommit;
    private bool completed;

    private PlatformStoreWriter(PortalDbContext db, Action<PlatformStoreCounts>? committed)
    {
        this.db = db;
        this.committed = committed;
        connection = db.Database.GetDbConnection();
        sqlite = db.Database.IsSqlite();
        profiles = Define<PlatformProfile>((p, id) => p.Id = id, [
            new(nameof(PlatformProfile.Id), p => p.Id),
            new(nameof(PlatformProfile.Database), p => p.Database),
            new(nameof(PlatformProfile.Email), p => p.Email),
            new(nameof(PlatformProfile.FieldsJson), p => p.FieldsJson),
            new(nameof(PlatformProfile.CreatedAt), p => p.CreatedAt),
            new(nameof(PlatformProfile.ModifiedAt), p => p.ModifiedAt),
        ]);
        subprofiles = Define<PlatformSubprofile>((s, id) => s.Id = id, [
            new(nameof(PlatformSubprofile.Id), s => s.Id),
            new(nameof(PlatformSubprofile.ProfileId), s => s.ProfileId),
            new(nameof(PlatformSubprofile.Collection), s => s.Collection),
            new(nameof(PlatformSubprofile.Email), s => s.Email),
            new(nameof(PlatformSubprofile.FieldsJson), s => s.FieldsJson),
            new(nameof(PlatformSubprofile.CreatedAt), s => s.CreatedAt),
            new(nameof(PlatformSubprofile.ModifiedAt), s => s.ModifiedAt),
        ]);
        messages = Define<PlatformMessage>((m, id) => m.Id = id, [
            new(nameof(PlatformMessage.Id), m => m.Id),
            new(nameof(PlatformMessage.Recipient), m => m.Recipient),
            new(nameof(PlatformMessage.ProfileId), m => m.ProfileId),
            new(nameof(PlatformMessage.SubprofileId), m => m.SubprofileId),
            new(nameof(PlatformMessage.Sender), m => m.Sender),
            new(nameof(PlatformMessage.Subject), m => m.Subject),
            new(nameof(PlatformMessage.Campaign), m => m.Campaign),
            new(nameof(PlatformMessage.SentAt), m => m.SentAt),
            new(nameof(PlatformMessage.Mime), m => m.Mime),
            new(nameof(PlatformMessage.Html), m => m.Html),
            new(nameof(PlatformMessage.Text), m => m.Text),
        ]);
        attachments = Define<PlatformAttachment>((a, id) => a.Id = id, [
            new(nameof(PlatformAttachment.Id), a => a.Id),
            new(nameof(PlatformAttachment.MessageId), a => a.MessageId),
            new(nameof(PlatformAttachment.FileName), a => a.FileName),
            new(nameof(PlatformAttachment.ContentType), a => a.ContentType),
            new(nameof(PlatformAttachment.Size), a => a.Size),
            new(nameof(PlatformAttachment.Sha256), a => a.Sha256),
            new(nameof(PlatformAttachment.Content), a => a.Content),
        ]);
        events = Define<PlatformEvent>((e, id) => e.Id = id, [
            new(nameof(PlatformEvent.Id), e => e.Id),
            new(nameof(PlatformEvent.MessageId), e => e.MessageId),
            new(nameof(PlatformEvent.Recipient), e => e.Recipient),
            new(nameof(PlatformEvent.ProfileId), e => e.ProfileId),
            new(nameof(PlatformEvent.SubprofileId), e => e.SubprofileId),
            new(nameof(PlatformEvent.Kind), e => e.Kind),
            new(nameof(PlatformEvent.At), e => e.At),
            new(nameof(PlatformEvent.IpAddress), e => e.IpAddress),
            new(nameof(PlatformEvent.UserAgent), e => e.UserAgent),
            new(nameof(PlatformEvent.Url), e => e.Url),
        ]);
        surveys = Define<PlatformSurveyAnswer>((s, id) => s.Id = id, [
            new(nameof(PlatformSurveyAnswer.Id), s => s.Id),
            new(nameof(PlatformSurveyAnswer.Survey), s => s.Survey),
            new(nameof(PlatformSurveyAnswer.Email), s => s.Email),
            new(nameof(PlatformSurveyAnswer.ProfileId), s => s.ProfileId),
            new(nameof(PlatformSurveyAnswer.SubprofileId), s => s.SubprofileId),
            new(nameof(PlatformSurveyAnswer.SubmittedAt), s => s.SubmittedAt),
            new(nameof(PlatformSurveyAnswer.AnswersJson), s => s.AnswersJson),
        ]);
        tables = [profiles, subprofiles, messages, attachments, events, surveys];
    }

    /// <summary>Rows written and committed so far.</summary>
    public PlatformStoreCounts Committed { get; private set; } = new(0, 0, 0, 0, 0, 0);

    /// <summary>
    /// Opens the context's connection and a first transaction. New ids continue after the highest in each table.
    /// <paramref name="committed"/> hears the running totals after every commit.
    /// </summary>
    public static async Task<PlatformStoreWriter> OpenAsync(PortalDbContext db, Action<PlatformStoreCounts>? committed = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var writer = new PlatformStoreWriter(db, committed);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var table in writer.tables)
            {
                await table.ReadNextIdAsync(writer.connection, cancellationToken);
            }

            writer.transaction = await writer.connection.BeginTransactionAsync(cancellationToken);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }
    }

    public ValueTask AddAsync(PlatformProfile profile, CancellationToken cancellationToken) => AddAsync(profiles, profile, cancellationToken);

    public ValueTask AddAsync(PlatformSubprofile subprofile, CancellationToken cancellationToken) => AddAsync(subprofiles, subprofile, cancellationToken);

    public ValueTask AddAsync(PlatformMessage message, CancellationToken cancellationToken) => AddAsync(messages, message, cancellationToken);

    public ValueTask AddAsync(PlatformAttachment attachment, CancellationToken cancellationToken) => AddAsync(attachments, attachment, cancellationToken);

    public ValueTask AddAsync(PlatformEvent item, CancellationToken cancellationToken) => AddAsync(events, item, cancellationToken);

    public ValueTask AddAsync(PlatformSurveyAnswer answer, CancellationToken cancellationToken) => AddAsync(surveys, answer, cancellationToken);

    /// <summary>Writes what is pending and commits. Without this, disposing rolls back the last transaction.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        await CommitAsync(cancellationToken, startNext: false);
        completed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
            transaction = null;
        }

        foreach (var table in tables)
        {
            await table.DisposeAsync();
        }

        completed = true;
        await db.Database.CloseConnectionAsync();
    }

    private async ValueTask AddAsync<T>(Table<T> table, T row, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(completed, this);
        table.Add(row);
        if (++pending < PendingRowsBeforeWrite)
        {
            return;
        }

        if (sinceCommit + pending >= RowsPerTransaction)
        {
            await CommitAsync(cancellationToken, startNext: true);
        }
        else
        {
            await WritePendingAsync(cancellationToken);
        }
    }

    private async Task WritePendingAsync(CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            await table.WriteAsync(connection, transaction!, cancellationToken);
        }

        sinceCommit += pending;
        pending = 0;
    }

    private async Task CommitAsync(CancellationToken cancellationToken, bool startNext)
    {
        await WritePendingAsync(cancellationToken);
        await transaction!.CommitAsync(cancellationToken);
        await transaction.DisposeAsync();
        transaction = startNext ? await connection.BeginTransactionAsync(cancellationToken) : null;
        sinceCommit = 0;
        Committed = new(profiles.Written, subprofiles.Written, messages.Written, attachments.Written, events.Written, surveys.Written);
        committed?.Invoke(Committed);
    }

    private Table<T> Define<T>(Action<T, long> setId, Column<T>[] columns)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var schema = entity.GetSchema();
        var table = (schema is null ? "" : Quote(schema) + ".") + Quote(entity.GetTableName()!);
        var bound = columns.Select(c =>
        {
            var property = entity.FindProperty(c.Property) ?? throw new InvalidOperationException($"{typeof(T).Name}.{c.Property} is not in the model.");
            return new BoundColumn<T>(Quote(property.GetColumnName()), c.Value, property.GetTypeMapping().Converter);
        }).ToArray();
        return new Table<T>(table, bound, setId, sqlite, Quote(entity.FindPrimaryKey()!.Properties[0].GetColumnName()));
    }

    // Standard SQL quoting: SQLite always reads it, SQL Server with QUOTED_IDENTIFIER on, which its client sets.
    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Column<T>(string Property, Func<T, object?> Value);

    private sealed record BoundColumn<T>(string Name, Func<T, object?> Value, ValueConverter? Converter)
    {
        public object ProviderValue(T row) => Value(row) is { } value ? (Converter is null ? value : Converter.ConvertToProvider(value)!) : DBNull.Value;
    }

    private interface ITable : IAsyncDisposable
    {
        Task ReadNextIdAsync(DbConnection connection, CancellationToken cancellationToken);

        Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken);
    }

    private sealed class Table<T>(string name, BoundColumn<T>[] columns, Action<T, long> setId, bool sqlite, string key) : ITable
    {
        private readonly List<T> pending = [];
        private readonly int rowsPerStatement = Math.Max(1, ParametersPerStatement / columns.Length);
        private DbCommand? batch;
        private DbCommand? single;
        private long nextId = 1;

        public long Written { get; private set; }

        public void Add(T row)
        {
            setId(row, nextId++);
            pending.Add(row);
        }

        public async Task ReadNextIdAsync(DbConnection connection, CancellationToken cancellationToken)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT MAX({key}) FROM {name}";
            nextId = await command.ExecuteScalarAsync(cancellationToken) is { } max and not DBNull ? Convert.ToInt64(max, System.Globalization.CultureInfo.InvariantCulture) + 1 : 1;
        }

        public async Task WriteAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken)
        {
            var row = 0;
            if (pending.Count >= rowsPerStatement)
            {
                batch ??= Prepare(connection, transaction, rowsPerStatement);
                batch.Transaction = transaction;
                for (; row + rowsPerStatement <= pending.Count; row += rowsPerStatement)
                {
                    Bind(batch, row, rowsPerStatement);
                    await batch.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            if (row < pending.Count)
            {
                single ??= Prepare(connection, transaction, 1);
                single.Transaction = transaction;
                for (; row < pending.Count; row++)
                {
                    Bind(single, row, 1);
                    await single.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            Written += pending.Count;
            pending.Clear();
        }

        public async ValueTask DisposeAsync()
        {
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }

            if (single is not null)
            {
                await single.DisposeAsync();
            }
        }

        private void Bind(DbCommand command, int first, int rows)
        {
            var parameters = command.Parameters;
            var index = 0;
            for (var r = first; r < first + rows; r++)
            {
                var item = pending[r];
                foreach (var column in columns)
                {
                    parameters[index++].Value = column.ProviderValue(item);
                }
            }
        }

        private DbCommand Prepare(DbConnection connection, DbTransaction transaction, int rows)
        {
            var sql = new StringBuilder();

            // SQL Server refuses explicit ids in an identity column unless asked; the ids are what link the rows.
            if (!sqlite)
            {
                sql.Append("SET IDENTITY_INSERT ").Append(name).Append(" ON; ");
            }

            sql.Append("INSERT INTO ").Append(name).Append(" (").AppendJoin(", ", columns.Select(c => c.Name)).Append(") VALUES ");
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            for (var r = 0; r < rows; r++)
            {
                sql.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < columns.Length; c++)
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{(r * columns.Length) + c}";
                    command.Parameters.Add(parameter);
                    sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                }

                sql.Append(')');
            }

            if (!sqlite)
            {
                sql.Append("; SET IDENTITY_INSERT ").Append(name).Append(" OFF;");
            }

            command.CommandText = sql.ToString();

            // SQL Server can only prepare with declared sizes; it caches the plan of a parameterised batch anyway.
            if (sqlite)
            {
                command.Prepare();
            }

            return command;
        }
    }
}

/// <summary>How many rows of each platform store table.</summary>
public sealed record PlatformStoreCounts(long Profiles, long Subprofiles, long Messages, long Attachments, long Events, long Surveys)
{
    public long Total => Profiles + Subprofiles + Messages + Attachments + Events + Surveys;
}
