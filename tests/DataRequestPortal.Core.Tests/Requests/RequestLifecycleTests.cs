using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class RequestLifecycleTests
{
    // Unverified → Queued → Collecting → Completed → Expired, Failed back to Queued, Cancelled and Denied on the way,
    // AwaitingSubject from any open state and back to Queued on the answer, InReview between Collecting and Completed: written out independently of the implementation's table.
    private static readonly HashSet<(RequestState From, RequestState To)> Expected =
    [
        (RequestState.Unverified, RequestState.Queued),
        (RequestState.Unverified, RequestState.Cancelled),
        (RequestState.Queued, RequestState.Collecting),
        (RequestState.Queued, RequestState.Cancelled),
        (RequestState.Queued, RequestState.Denied),
        (RequestState.Collecting, RequestState.Completed),
        (RequestState.Collecting, RequestState.Failed),
        (RequestState.Collecting, RequestState.Cancelled),
        (RequestState.Collecting, RequestState.Denied),
        (RequestState.Failed, RequestState.Queued),
        (RequestState.Failed, RequestState.Cancelled),
        (RequestState.Failed, RequestState.Denied),
        (RequestState.Completed, RequestState.Expired),
        (RequestState.Queued, RequestState.AwaitingSubject),
        (RequestState.Collecting, RequestState.AwaitingSubject),
        (RequestState.Failed, RequestState.AwaitingSubject),
        (RequestState.AwaitingSubject, RequestState.Queued),
        (RequestState.AwaitingSubject, RequestState.Cancelled),
        (RequestState.AwaitingSubject, RequestState.Denied),
        (RequestState.Collecting, RequestState.InReview),
        (RequestState.InReview, RequestState.Completed),
        (RequestState.InReview, RequestState.Cancelled),
        (RequestState.InReview, RequestState.Denied),
    ];

    [Fact]
    public void CanMove_AllowsExactlyTheDocumentedTransitions()
    {
        var states = Enum.GetValues<RequestState>();
        foreach (var from in states)
        {
            foreach (var to in states)
            {
                Assert.True(Expected.Contains((from, to)) == RequestLifecycle.CanMove(from, to), $"{from} → {to}");
            }
        }
    }

    [Fact]
    public void FinalAndOpenStates_AreTheDocumentedOnes()
    {
        Assert.Equal(
            [RequestState.Expired, RequestState.Cancelled, RequestState.Denied],
            Enum.GetValues<RequestState>().Where(RequestLifecycle.IsFinal).ToArray());
        Assert.Equal(
            [RequestState.Queued, RequestState.Collecting, RequestState.Failed, RequestState.AwaitingSubject, RequestState.InReview],
            Enum.GetValues<RequestState>().Where(RequestLifecycle.IsOpen).ToArray());
    }
}
