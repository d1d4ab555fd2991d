using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

/// <summary>A request as a list shows it.</summary>
public sealed record RequestRow(
    long Id,
    SubjectType SubjectType,
    string SubjectId,
    RequestChannel Channel,
    RequestState State,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    CollectionProgress Progress,
    string? FailedSource,
    bool IsExtended = false,
    Regime Regime = Regime.Gdpr,
    DateTimeOffset? CompletedAt = null,
    DateTimeOffset? PausedSince = null,
    bool ClockStopped = false)
{
    public bool IsOpen => RequestLifecycle.IsOpen(State);

    /// <summary>While the clock stands still the due date moves with each day, so it cannot pass.</summary>
    public bool IsOverdue(DateOnly today) => IsOpen && !ClockStopped && today > DueDate;

    /// <summary>Days the request was completed after its due date; 0 when on time or not completed.</summary>
    public int DaysLate(ComplianceClock clock) => DueDates.DaysLate(CompletedAt, DueDate, clock);

    /// <summary>Days left when the clock stopped; they stay so until the subject answers.</summary>
    public int? FrozenDaysLeft(ComplianceClock clock) =>
        ClockStopped && PausedSince is { } since ? DueDate.DayNumber - clock.DateOf(since).DayNumber : null;

    /// <summary>Open and due within <paramref name="days"/> days from today (today included), not yet overdue.</summary>
    public bool IsDueSoon(DateOnly today, int days = RequestQuery.DueSoonDays) => IsOpen && DueDate >= today && DueDate <= today.AddDays(days);
}

public enum RequestSort
{
    Received,
    Due,
    State,
    Subject,
    Id,
}

/// <summary>
/// What the requests list asks for. Every filter narrows; null or empty means "any". <see cref="InvolvingActor"/>
/// keeps requests someone filed or acted on (their timeline names them).
/// </summary>
public sealed record RequestQuery
{
    public const int DueSoonDays = 7;
    public const int MaxPageSize = 200;

    public IReadOnlyCollection<RequestState> States { get; init; } = [];

    public RequestChannel? Channel { get; init; }

    public SubjectType? SubjectType { get; init; }

    public DateOnly? DueFrom { get; init; }

    public DateOnly? DueTo { get; init; }

    /// <summary>Only open requests past their due date.</summary>
    public bool Overdue { get; init; }

    /// <summary>Part of a subject's identifier, or a request id or its first digits.</summary>
    public string? Search { get; init; }

    public string? InvolvingActor { get; init; }

    public RequestSort Sort { get; init; } = RequestSort.Received;

    public bool Descending { get; init; } = true;

    public int Skip { get; init; }

    public int Take { get; init; } = 25;
}

public sealed record RequestPage(IReadOnlyList<RequestRow> Rows, int Total);

/// <summary>Requests for staff lists: filtered, sorted and paged in the database.</summary>
public sealed class RequestList(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock)
{
    public async Task<IReadOnlyList<RequestRow>> LatestAsync(int count, CancellationToken cancellationToken = default) =>
        (await SearchAsync(new RequestQuery { Take = count }, cancellationToken)).Rows;

    public async Task<RequestRow?> FindAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Rows(db.DataRequests.AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<RequestPage> SearchAsync(RequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = Matching(db, query);
        var total = await matching.CountAsync(cancellationToken);
        var rows = await Rows(Sorted(matching, query).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, RequestQuery.MaxPageSize)))
            .ToListAsync(cancellationToken);
        return new RequestPage(rows, total);
    }

    private IQueryable<DataRequest> Matching(PortalDbContext db, RequestQuery query)
    {
        var requests = db.DataRequests.AsNoTracking();
        if (query.States.Count > 0)
        {
            var states = query.States.ToArray();
            requests = requests.Where(r => states.Contains(r.State));
        }

        if (query.Channel is { } channel)
        {
            requests = requests.Where(r => r.Channel == channel);
        }

        if (query.SubjectType is { } type)
        {
            requests = requests.Where(r => r.SubjectType == type);
        }

        if (query.DueFrom is { } from)
        {
            requests = requests.Where(r => r.DueDate >= from);
        }

        if (query.DueTo is { } to)
        {
            requests = requests.Where(r => r.DueDate <= to);
        }

        if (query.Overdue)
        {
            var today = clock.Today;
            var open = RequestLifecycle.OpenStates.ToArray();
            requests = requests.Where(r => open.Contains(r.State) && !r.ClockStopped && r.DueDate < today);
        }

        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var text = query.Search.Trim();
            var lowered = text.ToLowerInvariant();
            requests = long.TryParse(text, out var id)
                ? requests.Where(r => r.Id == id || r.Id.ToString().StartsWith(text) || r.SubjectId.Contains(text))
                : requests.Where(r => r.SubjectId.Contains(lowered));
        }

        if (!string.IsNullOrWhiteSpace(query.InvolvingActor))
        {
            var actor = query.InvolvingActor;
            requests = requests.Where(r => r.Timeline.Any(t => t.ActorName == actor));
        }

        return requests;
    }

    private static IQueryable<DataRequest> Sorted(IQueryable<DataRequest> requests, RequestQuery query) => (query.Sort, query.Descending) switch
    {
        (RequestSort.Due, false) => requests.OrderBy(r => r.DueDate).ThenBy(r => r.Id),
        (RequestSort.Due, true) => requests.OrderByDescending(r => r.DueDate).ThenByDescending(r => r.Id),
        (RequestSort.State, false) => requests.OrderBy(r => r.State).ThenByDescending(r => r.ReceivedAt),
        (RequestSort.State, true) => requests.OrderByDescending(r => r.State).ThenByDescending(r => r.ReceivedAt),
        (RequestSort.Subject, false) => requests.OrderBy(r => r.SubjectId).ThenBy(r => r.Id),
        (RequestSort.Subject, true) => requests.OrderByDescending(r => r.SubjectId).ThenByDescending(r => r.Id),
        (RequestSort.Id, false) => requests.OrderBy(r => r.Id),
        (RequestSort.Id, true) => requests.OrderByDescending(r => r.Id),
        (_, false) => requests.OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id),
        _ => requests.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id),
    };

    private static IQueryable<RequestRow> Rows(IQueryable<DataRequest> requests) =>
        requests.Select(r => new RequestRow(r.Id, r.SubjectType, r.SubjectId, r.Channel, r.State, r.ReceivedAt, r.DueDate, r.Progress, r.FailedSource, r.ExtendedAt != null, r.Regime, r.CompletedAt, r.PausedSince, r.ClockStopped));
}
