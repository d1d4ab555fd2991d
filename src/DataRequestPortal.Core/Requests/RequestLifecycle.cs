namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The one table of allowed state changes: a request waits for its address to be proven (self-service) or is queued,
/// is collected, completes, and expires when its result is deleted; a failed collection is queued again; until it
/// completes a request can be cancelled, and once its address is proven also denied. Anything not listed is refused.
/// </summary>
public static class RequestLifecycle
{
    private static readonly Dictionary<RequestState, RequestState[]> Allowed = new()
    {
        [RequestState.Unverified] = [RequestState.Queued, RequestState.Cancelled],
        [RequestState.Queued] = [RequestState.Collecting, RequestState.Cancelled, RequestState.Denied],
        [RequestState.Collecting] = [RequestState.Completed, RequestState.Failed, RequestState.Cancelled, RequestState.Denied],
        [RequestState.Failed] = [RequestState.Queued, RequestState.Cancelled, RequestState.Denied],
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
    /// The organisation owes the subject an answer, so the due date runs. An unverified request does not
    /// count yet: its clock starts when the address is proven.
    /// </summary>
    public static bool IsOpen(RequestState state) =>
        state is RequestState.Queued or RequestState.Collecting or RequestState.Failed;
}
