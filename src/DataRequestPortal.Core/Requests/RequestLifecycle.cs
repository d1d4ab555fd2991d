using System.Linq.Expressions;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The one table of allowed state changes: a request waits for its address to be proven (self-service) or is queued,
/// is collected, is reviewed where review is required, completes, and expires when its result is deleted; a failed collection is queued again; until it
/// completes a request can be cancelled, and once its address is proven also denied. While open, staff may ask the subject
/// something (AwaitingSubject); the answer queues it again. Anything not listed is refused.
/// </summary>
public static class RequestLifecycle
{
    private static readonly Dictionary<RequestState, RequestState[]> Allowed = new()
    {
        [RequestState.Unverified] = [RequestState.Queued, RequestState.Cancelled],
        [RequestState.Queued] = [RequestState.Collecting, RequestState.Cancelled, RequestState.Denied, RequestState.AwaitingSubject],
        [RequestState.Collecting] = [RequestState.Completed, RequestState.InReview, RequestState.Failed, RequestState.Cancelled, RequestState.Denied, RequestState.AwaitingSubject],
        [RequestState.Failed] = [RequestState.Queued, RequestState.Cancelled, RequestState.Denied, RequestState.AwaitingSubject],
        [RequestState.AwaitingSubject] = [RequestState.Queued, RequestState.Cancelled, RequestState.Denied],
        [RequestState.InReview] = [RequestState.Completed, RequestState.Cancelled, RequestState.Denied],
        [RequestState.Completed] = [RequestState.Expired],
        [RequestState.Expired] = [],
        [RequestState.Cancelled] = [],
        [RequestState.Denied] = [],
    };

    public static IReadOnlyList<RequestState> NextStates(RequestState from) => Allowed[from];

    public static bool CanMove(RequestState from, RequestState to) => Allowed[from].Contains(to);

    /// <summary>No further change is possible: the request is closed for good.</summary>
    public static bool IsFinal(RequestState state) => Allowed[state].Length == 0;

    /// <summary>
    /// The organisation owes the subject an answer, so the due date runs (while awaiting the subject, it may stand still:
    /// see <see cref="DataRequest.ClockStopped"/>). An unverified request does not count yet: its clock starts when the
    /// address is proven.
    /// </summary>
    public static bool IsOpen(RequestState state) => OpenStates.Contains(state);

    /// <summary>The states <see cref="IsOpen"/> counts, for database queries.</summary>
    public static IReadOnlyList<RequestState> OpenStates { get; } =
        [RequestState.Queued, RequestState.Collecting, RequestState.Failed, RequestState.AwaitingSubject, RequestState.InReview];

    /// <summary>
    /// <see cref="IsOpen"/> for a database query, written out as one comparison per open state: unlike a list of states,
    /// it lets the database provider keep the statement it made for the query instead of writing it anew on every call.
    /// </summary>
    public static Expression<Func<DataRequest, bool>> IsOpenRequest { get; } = OpenStatesPredicate();

    private static Expression<Func<DataRequest, bool>> OpenStatesPredicate()
    {
        var request = Expression.Parameter(typeof(DataRequest), "r");
        var state = Expression.Property(request, nameof(DataRequest.State));
        var anyOpen = OpenStates.Select(open => (Expression)Expression.Equal(state, Expression.Constant(open))).Aggregate(Expression.OrElse);
        return Expression.Lambda<Func<DataRequest, bool>>(anyOpen, request);
    }
}
