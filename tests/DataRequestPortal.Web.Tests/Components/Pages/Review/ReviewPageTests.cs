using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Pages.Review;
using DataRequestPortal.Web.Staff;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Components.Pages.Review;

public class ReviewPageTests : PortalTestContext
{
    private ReviewedMailbox harness = default!;
    private DataRequest request = default!;

    public override async Task InitializeAsync()
    {
        harness = await ReviewedMailbox.CreateAsync();
        request = harness.Request;
        Services.AddSingleton(harness.Notifier);
        Services.AddSingleton(harness.Clock);
        Services.AddSingleton(harness.Reviews());
        Services.AddSingleton(new RequestActions(harness.Database, harness.Clock, harness.Notifier, new Core.Delivery.SubjectNoticeQueue(harness.Clock)));
        Services.AddScoped<StaffRequestActions>();
        Services.AddScoped<StaffReviews>();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await harness.DisposeAsync();
    }

    [Fact]
    public void Officer_SeesCategoriesWithCounts_AndWhereOtherPeoplesAddressesAre()
    {
        SignInAs(PortalRoles.Officer, ReviewedMailbox.Officer);

        var page = Render<ReviewPage>(p => p.Add(x => x.Id, request.Id));

        page.WaitForAssertion(() => Assert.Contains("mails · 4", page.Find("[data-testid=review-categories]").TextContent));
        Assert.Contains("2 record(s) mention other email addresses", page.Find("[data-testid=review-categories]").TextContent);
        Assert.Contains(ReviewedMailbox.Friend, page.Find("[data-testid=review-categories]").TextContent);
        Assert.Contains("Due", page.Find("[data-testid=review-due]").TextContent);
    }

    [Fact]
    public async Task Officer_WithholdsARecord_ItIsStoredAndShownWithTheReason()
    {
        SignInAs(PortalRoles.Officer, ReviewedMailbox.Officer);
        var mails = await harness.MailsCategoryAsync(request.Id);
        var page = Render<ReviewPage>(p => p.Add(x => x.Id, request.Id));
        page.WaitForElement($"[data-testid=category-{mails}]");
        // Found and clicked in one dispatch: the page re-renders as its live refresh reads, and a button found before that is gone.
        await page.InvokeAsync(() => page.Find($"[data-testid=category-{mails}]").Click());
        page.WaitForAssertion(() => Assert.Contains("Gift voucher", page.Find("[data-testid=record-2]").TextContent));

        await page.InvokeAsync(() => page.Find("[data-testid=record-2] [data-testid=withhold-record]").Click());

        page.WaitForAssertion(() => Assert.Contains("Withheld: Third-party data (Art. 15(4) GDPR)", page.Find("[data-testid=record-2]").TextContent));
        Assert.Equal(1, await harness.DecisionCountAsync(request.Id));
    }

    [Fact]
    public async Task Page_ShowsAnotherReviewersDecision_AsItIsMade()
    {
        SignInAs(PortalRoles.Officer, ReviewedMailbox.Officer);
        var mails = await harness.MailsCategoryAsync(request.Id);
        var page = Render<ReviewPage>(p => p.Add(x => x.Id, request.Id));
        page.WaitForElement($"[data-testid=category-{mails}]");
        // Found and clicked in one dispatch: the page re-renders as its live refresh reads, and a button found before that is gone.
        await page.InvokeAsync(() => page.Find($"[data-testid=category-{mails}]").Click());
        page.WaitForAssertion(() => Assert.Contains("Your order", page.Find("[data-testid=record-0]").TextContent));

        await harness.Reviews().DecideAsync(
            new Core.Review.ReviewCommand(request.Id, await harness.SeenAsync(request.Id), Core.Review.ReviewAction.Withhold, mails, Records: [0], ReasonKey: "privilege"),
            Actor.Staff(ReviewedMailbox.Colleague));

        page.WaitForAssertion(() => Assert.Contains($"Withheld: Legal privilege · {ReviewedMailbox.Colleague}", page.Find("[data-testid=record-0]").TextContent));
    }
}
