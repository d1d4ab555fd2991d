using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Collection;

public class WhereWeLookedTests
{
    private static readonly FakeSource Mail = new("mail", "message");
    private static readonly FakeSource Crm = new("crm", "order");
    private static readonly FakeSource Loyalty = new("loyalty", "points") { Serves = [SubjectType.Profile] };

    [Fact]
    public void Of_ASourceThatFailedEveryAttempt_SaysItCouldNotBeSearched()
    {
        var searches = WhereWeLooked.Of(
            [Mail.Description, Crm.Description, Loyalty.Description],
            SubjectType.Email,
            [Run("mail", SourceRunState.Done, 2, 4), Run("crm", SourceRunState.Failed, 3, 0)]);

        Assert.Equal(
            ["Searched: 4 records found. The search failed 1 time first and succeeded when retried.", "Could not be searched: failed 3 times.",
             "Not searched: this system holds no data about subjects identified this way."],
            searches.Select(s => s.Describe()));
        Assert.Equal([SearchOutcome.Found, SearchOutcome.Failed, SearchOutcome.NotApplicable], searches.Select(s => s.Outcome));
    }

    [Fact]
    public void Of_ManualTasks_NameWhoSearchedByHand_OrWhoIsAwaited()
    {
        var archive = new FakeSource("archive", "letter");
        var ledger = new FakeSource("ledger", "entry");
        var files = new FakeSource("files", "scan");
        var searches = WhereWeLooked.Of(
            [archive.Description, ledger.Description, files.Description],
            SubjectType.Email,
            [],
            [
                new ManualTask { SourceKey = "archive", State = ManualTaskState.Attested, CompletedBy = "Olga Officer", Note = "Both cabinets checked" },
                new ManualTask { SourceKey = "ledger", State = ManualTaskState.Open, Assignee = "records@example.com" },
                new ManualTask { SourceKey = "files", State = ManualTaskState.Uploaded, CompletedBy = "Olga Officer", Records = 2 },
            ]);

        Assert.Equal(
            ["Searched by hand by Olga Officer, who attested that nothing was found. Note: Both cabinets checked",
             "Waiting for records@example.com to search by hand.",
             "Searched by hand by Olga Officer: 2 records provided."],
            searches.Select(s => s.Describe()));
    }

    private static CollectionSourceRun Run(string key, SourceRunState state, int attempts, long records) =>
        new() { SourceKey = key, SourceTitle = key, State = state, Attempts = attempts, Records = records };
}
