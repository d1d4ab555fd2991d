using System.Globalization;
using System.Text;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Audit;

/// <summary>What the audit log page asks for; every member narrows the result, null means "any".</summary>
public sealed record AuditFilter(
    DateOnly? From = null,
    DateOnly? To = null,
    AuditAction? Action = null,
    string? Actor = null,
    long? RequestId = null,
    string? Text = null)
{
    public static AuditFilter All { get; } = new();

    /// <summary>
    /// The sign-in addresses of staff members whose name on their account matches <see cref="Actor"/>: the log records
    /// staff by address, but shows and is searched by their name as well.
    /// </summary>
    public IReadOnlyList<string> StaffNamed { get; init; } = [];

    /// <summary>One search box for both: a whole number is a request id; other text is looked for in what was acted on and the details.</summary>
    public AuditFilter Searching(string? text)
    {
        var value = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        return long.TryParse(value, out var id) ? this with { RequestId = id, Text = null } : this with { RequestId = null, Text = value };
    }
}

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>
/// Writes and reads the audit log. State changes need no call here: every timeline entry is copied into the
/// log as it is saved (<see cref="PortalDbContext"/>), so no code path can change a request unrecorded.
/// </summary>
public sealed class AuditLog(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock)
{
    public async Task RecordAsync(Actor actor, AuditAction action, long? requestId = null, string? target = null, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry(clock.Now, actor, action, requestId, target, detail));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A download of a request's result, in the format named (json, pdf).</summary>
    public Task RecordDownloadAsync(Actor actor, long requestId, string format, CancellationToken cancellationToken = default) =>
        RecordAsync(actor, AuditAction.ResultDownloaded, requestId, detail: $"format {format}", cancellationToken: cancellationToken);

    /// <summary>Newest first, <paramref name="take"/> entries from <paramref name="skip"/>, with the total that match.</summary>
    public async Task<AuditPage> SearchAsync(AuditFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Matching(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return new AuditPage(entries, total);
    }

    private static readonly string[] Header = ["time_utc", "actor_kind", "actor", "action", "request_id", "target", "detail"];

    /// <summary>Writes every matching entry as CSV (RFC 4180, every cell quoted, UTF-8), oldest first, streaming from the database.</summary>
    public async Task WriteCsvAsync(AuditFilter filter, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', Header.Select(Csv)) + "\r\n");
        await foreach (var e in Matching(db, filter).OrderBy(e => e.At).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(string.Join(',',
                Csv(e.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)),
                Csv(e.ActorKind.ToString()),
                Csv(e.ActorName),
                Csv(e.Action.ToString()),
                Csv(e.DataRequestId?.ToString(CultureInfo.InvariantCulture)),
                Csv(e.Target),
                Csv(e.Detail)) + "\r\n");
        }
    }

    private IQueryable<AuditEntry> Matching(PortalDbContext db, AuditFilter filter)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (filter.From is { } from)
        {
            var start = clock.StartOf(from);
            query = query.Where(e => e.At >= start);
        }

        if (filter.To is { } to)
        {
            var end = clock.StartOf(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }

        if (filter.Action is { } action)
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim();
            var named = filter.StaffNamed.ToArray();
            query = named.Length == 0
                ? query.Where(e => e.ActorName.Contains(actor))
                : query.Where(e => e.ActorName.Contains(actor) || (e.ActorKind == ActorKind.Staff && named.Contains(e.ActorName)));
        }

        if (filter.RequestId is { } id)
        {
            query = query.Where(e => e.DataRequestId == id);
        }

        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim();
            query = query.Where(e => (e.Target != null && e.Target.Contains(text)) || (e.Detail != null && e.Detail.Contains(text)));
        }

        return query;
    }

    /// <summary>
    /// One quoted cell (RFC 4180). A spreadsheet may split the file on another separator than the comma, or on the line
    /// breaks inside a cell, so a formula character is defused with a leading apostrophe wherever a piece could start.
    /// </summary>
    internal static string Csv(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "\"\"";
        }

        var cell = new StringBuilder(value.Length + 2).Append('"');
        var pieceStarts = true;
        foreach (var c in value)
        {
            if (pieceStarts && IsFormulaStart(c))
            {
                cell.Append('\'');
            }

            cell.Append(c == '"' ? "\"\"" : c.ToString());
            // Spaces and quotes before a formula character are skipped by spreadsheets that trim or unquote pieces.
            pieceStarts = IsSeparator(c) || (pieceStarts && c is (' ' or '"'));
        }

        return cell.Append('"').ToString();
    }

    // Full-width forms are read as their ASCII twins by some spreadsheets.
    private static bool IsFormulaStart(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    private static bool IsSeparator(char c) => c is ',' or ';' or '\t' or '|' or '\r' or '\n';
}
