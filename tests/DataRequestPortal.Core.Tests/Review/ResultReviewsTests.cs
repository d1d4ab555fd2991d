using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Review;

/// <summary>Review before release: nothing handed out while in review, decisions kept and guarded, the released document.</summary>
public class ResultReviewsTests
{
    private static readonly Actor Officer = Actor.Staff(ReviewHarness.Officer);
    private static readonly Actor Colleague = Actor.Staff(ReviewHarness.Colleague);

    [Fact]
    public void ReviewOptions_ByDefault_ReviewStaffAndSelfService_NotApi()
    {
        var options = new ReviewOptions();

        Assert.True(options.IsRequired(RequestChannel.Staff));
        Assert.True(options.IsRequired(RequestChannel.SelfService));
        Assert.False(options.IsRequired(RequestChannel.Api));
        Assert.Equal(["third-party", "privilege", "trade-secret", "other"], options.EffectiveReasons.Select(r => r.Key));
    }

    [Fact]
    public async Task Collect_ReviewRequired_WaitsInReview_AndNothingIsDownloadable()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync(RequestChannel.SelfService);
        var downloads = harness.Inner.Downloads();

        Assert.Equal(RequestState.InReview, request.State);
        Assert.Null(request.Result);
        Assert.NotNull(request.OriginalResult);
        Assert.Null(request.CompletedAt);
        foreach (var format in new[] { ResultFormat.Json, ResultFormat.Pdf })
        {
            Assert.IsType<ResultDownload.NotReady>(await downloads.OpenAsync(new Downloader.DataSubject(MailboxSource.Subject), request.Id, format));
            Assert.IsType<ResultDownload.NotReady>(await downloads.OpenAsync(new Downloader.StaffMember(ReviewHarness.Officer), request.Id, format));
        }

        Assert.Empty(await harness.Inner.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task Collect_ApiChannel_CompletesWithoutReview_ByDefault()
    {
        await using var harness = await ReviewHarness.CreateAsync();

        var request = await harness.CollectForReviewAsync(RequestChannel.Api);

        Assert.Equal(RequestState.Completed, request.State);
    }

    [Fact]
    public async Task InReview_CountsAsOpen_AndStaysLateWhenReleasedAfterItsDueDate()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        Assert.True(RequestLifecycle.IsOpen(request.State));

        harness.Inner.Time.Advance(TimeSpan.FromDays(40));
        await harness.Reviews().ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer);

        var released = await harness.Collection.LoadAsync(request.Id);
        Assert.Equal(RequestState.Completed, released.State);
        Assert.True(released.DaysLate(harness.Collection.Clock) > 0);
    }

    [Fact]
    public async Task Release_WritesTheSeedsShape_WithoutWithheldData_WithMetaWithheld_AndItsHashIsTheDownloads()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync(RequestChannel.SelfService);
        var reviews = harness.Reviews();
        var mails = await harness.MailsCategoryAsync(request.Id);

        // Every mail copying the friend withheld, in bulk; and the phone number in another mail's text redacted.
        Assert.Equal(2, await reviews.DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Withhold, mails, Search: MailboxSource.Friend, ReasonKey: "third-party"), Officer));
        Assert.Equal(1, await reviews.DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Redact, mails, Records: [1], Field: "text", ReasonKey: "privilege"), Officer));
        Assert.Equal(ReleaseOutcome.Released, await reviews.ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer));

        var released = await harness.Collection.LoadAsync(request.Id);
        Assert.Equal(RequestState.Completed, released.State);
        var json = await harness.DownloadAsync(request.Id, new Downloader.DataSubject(MailboxSource.Subject));
        Assert.Equal(released.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(json)));
        Assert.Equal(json.Length, released.Result.Bytes);
        Assert.NotEqual(released.OriginalResult!.Sha256, released.Result.Sha256);

        var text = Encoding.UTF8.GetString(json);
        Assert.DoesNotContain(MailboxSource.Friend, text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("autumn walks", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal(["info", "data", "meta"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("email", root.GetProperty("info").GetProperty("type").GetString());
        Assert.Equal(MailboxSource.Subject, root.GetProperty("info").GetProperty("id").GetString());
        var kept = ReviewHarness.Mails(document, mails).EnumerateArray().ToList();
        Assert.Equal(["Newsletter", "Privacy update"], kept.Select(m => m.GetProperty("subject").GetString()));
        Assert.Equal("[withheld: legal privilege]", kept[0].GetProperty("text").GetString());
        Assert.Equal(2, root.GetProperty("meta").GetProperty("categories")[mails].GetProperty("records").GetInt32());
        var withheld = root.GetProperty("meta").GetProperty("withheld").EnumerateArray()
            .Select(w => (w.GetProperty("category").GetString(), w.GetProperty("reason").GetString(), w.GetProperty("records").GetInt32(), w.GetProperty("fields").GetInt32()))
            .ToList();
        Assert.Equal([("mails", "Legal privilege", 0, 1), ("mails", "Third-party data (Art. 15(4) GDPR)", 2, 0)], withheld);
    }

    [Fact]
    public async Task Release_Pdf_ExplainsWhatWasWithheld_InCountsAndReasons_NeverTheContent()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync(RequestChannel.SelfService);
        var reviews = harness.Reviews();
        var mails = await harness.MailsCategoryAsync(request.Id);
        await reviews.DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Withhold, mails, Search: MailboxSource.Friend, ReasonKey: "third-party"), Officer);
        await reviews.ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer);

        var pdf = await harness.DownloadAsync(request.Id, new Downloader.DataSubject(MailboxSource.Subject), ResultFormat.Pdf);

        var text = ReportFixtures.Compact(ReportFixtures.PageTexts(pdf));
        Assert.Contains(ReportFixtures.Compact("What we did not give you and why"), text, StringComparison.Ordinal);
        Assert.Contains(ReportFixtures.Compact("2 records left out — Third-party data (Art. 15(4) GDPR)"), text, StringComparison.Ordinal);
        Assert.Contains((await harness.Collection.LoadAsync(request.Id)).Result!.Sha256, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReportFixtures.Compact(MailboxSource.Friend), text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Giftvoucher", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Release_KeepsTheOriginal_NeverAsTheResult_WithItsHashRecorded()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        await harness.Reviews().DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Withhold, mails, Records: [0], ReasonKey: "third-party"), Officer);
        await harness.Reviews().ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer);

        var released = await harness.Collection.LoadAsync(request.Id);
        await using var original = await harness.Collection.Store.OpenOriginalAsync(request.Id);
        Assert.NotNull(original);
        Assert.Equal(released.OriginalResult!.Sha256, Convert.ToHexStringLower(await SHA256.HashDataAsync(original)));
        Assert.Equal(released.ExpiresAt, released.OriginalKeptUntil);
    }

    [Fact]
    public async Task Decide_StalePage_IsRefused_AndChangesNothing()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        var seenByBoth = await harness.SeenAsync(request.Id);
        await harness.Reviews().DecideAsync(new ReviewCommand(request.Id, seenByBoth, ReviewAction.Withhold, mails, Records: [0], ReasonKey: "third-party"), Colleague);

        var refused = await Assert.ThrowsAsync<RequestRuleException>(() =>
            harness.Reviews().DecideAsync(new ReviewCommand(request.Id, seenByBoth, ReviewAction.Withhold, mails, Records: [2], ReasonKey: "third-party"), Officer));
        var releaseRefused = await Assert.ThrowsAsync<RequestRuleException>(() => harness.Reviews().ReleaseAsync(request.Id, seenByBoth, Officer));

        Assert.Contains(ReviewHarness.Colleague, refused.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was changed", releaseRefused.Message, StringComparison.Ordinal);
        Assert.Equal(1, await harness.DecisionCountAsync(request.Id));
        Assert.Equal(RequestState.InReview, (await harness.Collection.LoadAsync(request.Id)).State);
    }

    [Fact]
    public async Task Decide_TwoReviewers_SeeEachOthersDecisions()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        await harness.Reviews().DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Redact, mails, Records: [0], Field: "cc", ReasonKey: "other", ReasonText: "Colleague's private address"), Colleague);

        var page = await harness.Reviews().RecordsAsync(request.Id, mails, null, 0, 10);

        var decision = page.Records[0].Redacted["cc"];
        Assert.Equal(("Other: Colleague's private address", ReviewHarness.Colleague), (decision.Reason, decision.DecidedBy));
    }

    [Fact]
    public async Task Decide_OtherWithoutWords_IsRefused()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        var seen = await harness.SeenAsync(request.Id);

        await Assert.ThrowsAsync<RequestRuleException>(() =>
            harness.Reviews().DecideAsync(new ReviewCommand(request.Id, seen, ReviewAction.Withhold, mails, Records: [0], ReasonKey: "other"), Officer));
        Assert.Equal(0, await harness.DecisionCountAsync(request.Id));
    }

    [Fact]
    public async Task Release_FourEyes_NeedsASecondOfficer_NotTheOneWhoAskedOrDecided()
    {
        await using var harness = await ReviewHarness.CreateAsync(fourEyes: true);
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        var reviews = harness.Reviews();
        await reviews.DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Withhold, mails, Records: [0], ReasonKey: "third-party"), Officer);

        Assert.Equal(ReleaseOutcome.AwaitingSecondOfficer, await reviews.ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer));
        var refused = await Assert.ThrowsAsync<RequestRuleException>(async () => await reviews.ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Officer));
        Assert.Contains("second officer", refused.Message, StringComparison.Ordinal);
        Assert.Equal(RequestState.InReview, (await harness.Collection.LoadAsync(request.Id)).State);

        Assert.Equal(ReleaseOutcome.Released, await reviews.ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Colleague));
        var released = await harness.Collection.LoadAsync(request.Id);
        Assert.Equal(RequestState.Completed, released.State);
        Assert.Equal(ReviewHarness.Colleague, released.Timeline.Single(t => t.ToState == RequestState.Completed).ActorName);
    }

    [Fact]
    public async Task Summary_Hints_CountOtherPeoplesAddressesAndPhones_NotTheSubjectsOwn()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();

        var summary = await harness.Reviews().SummaryAsync(request.Id);

        var mails = Assert.Single(summary!.Categories, c => c.Name == "mails");
        Assert.Equal((2, 1), (mails.Hint.RecordsWithAddresses, mails.Hint.RecordsWithPhoneNumbers));
        Assert.Equal((MailboxSource.Friend, 2), mails.Hint.Top[0]);
        var profile = Assert.Single(summary.Categories, c => c.Name == "profile");
        Assert.Equal((0, 0), (profile.Hint.RecordsWithAddresses, profile.Hint.RecordsWithPhoneNumbers));
    }

    [Fact]
    public async Task Decisions_GoIntoTheTimelineAndAudit_InCountsAndReasons()
    {
        await using var harness = await ReviewHarness.CreateAsync();
        var request = await harness.CollectForReviewAsync();
        var mails = await harness.MailsCategoryAsync(request.Id);
        await harness.Reviews().DecideAsync(new ReviewCommand(request.Id, await harness.SeenAsync(request.Id), ReviewAction.Withhold, mails, Search: MailboxSource.Friend, ReasonKey: "third-party"), Officer);
        await harness.Reviews().ReleaseAsync(request.Id, await harness.SeenAsync(request.Id), Colleague);

        var timeline = (await harness.Collection.LoadAsync(request.Id)).Timeline;
        var reviewed = Assert.Single(timeline, t => t.Event == TimelineEvent.Reviewed);
        Assert.Equal((ReviewHarness.Officer, "Withheld 2 records in mails: Third-party data (Art. 15(4) GDPR)"), (reviewed.ActorName, reviewed.Reason));
        var release = Assert.Single(timeline, t => t.ToState == RequestState.Completed);
        Assert.Equal(ReviewHarness.Colleague, release.ActorName);
        Assert.DoesNotContain(MailboxSource.Friend, string.Join(" ", timeline.Select(t => t.Reason)), StringComparison.OrdinalIgnoreCase);
    }
}
