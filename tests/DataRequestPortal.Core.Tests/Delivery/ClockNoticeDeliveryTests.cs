using System.Globalization;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Delivery;

/// <summary>What a self-service subject hears when staff move their request's clock: an extension, a question, and their answer.</summary>
public class ClockNoticeDeliveryTests
{
    private const string Jane = "jane.doe@example.com";

    private static readonly Actor Officer = Actor.Staff("officer@example.com");

    private static RequestActions Actions(SelfServiceHarness harness) =>
        new(harness.Database, harness.Clock, harness.Delivery.Collection.Notifier, new SubjectNoticeQueue(harness.Clock));

    private static async Task<DataRequest> ApplyAsync(SelfServiceHarness harness, long id, RequestAction action, string text, int amount = 0, SubjectQuestion question = SubjectQuestion.Identity)
    {
        var current = await harness.Delivery.Collection.LoadAsync(id);
        return await Actions(harness).ApplyAsync(new RequestActionCommand(id, RequestActions.LastEntryId(current), action, text, amount, question), Officer);
    }

    [Fact]
    public async Task Extend_EmailsTheSubjectTheNewDueDateAndTheReasonAtOnce_InTheDeliveryLog()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        const string Reason = "Your request covers eleven years of mail archives.";

        await ApplyAsync(harness, filing.Request.Id, RequestAction.Extend, Reason, amount: 2);
        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ExtendedMailSubject(DeliveryHarness.OrganisationName));
        Assert.Equal(Jane, Assert.Single(mail.To.Mailboxes).Address);
        foreach (var body in new[] { mail.TextBody, mail.HtmlBody })
        {
            Assert.Contains("Monday 1 June 2026", body, StringComparison.Ordinal);
            Assert.Contains(Reason, body, StringComparison.Ordinal);
            Assert.Contains("two further months", body, StringComparison.Ordinal);
        }

        var notice = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id), d => d.Kind == DeliveryKind.ExtensionNotice);
        Assert.Equal(DeliveryState.Delivered, notice.State);
    }

    [Fact]
    public async Task AskSubject_EmailsTheQuestion_AndTheSubjectsAnswerOnTheirPageResumesTheClock()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        const string Question = "Which customer number is on your last invoice?";

        var asked = await ApplyAsync(harness, filing.Request.Id, RequestAction.AskSubject, Question);
        Assert.Equal(RequestState.AwaitingSubject, asked.State);
        Assert.Equal(1, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));

        var mail = Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.QuestionMailSubject(DeliveryHarness.OrganisationName));
        Assert.Contains(Question, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("deadline stands still", mail.TextBody, StringComparison.Ordinal);
        var notice = Assert.Single(await harness.DeliveriesAsync(filing.Request.Id), d => d.Kind == DeliveryKind.QuestionNotice);
        Assert.Equal(1, notice.TargetNumber);

        // Someone else's answer changes nothing; the subject's own resumes the clock with the waiting days added.
        Assert.Equal(SubjectAnswerOutcome.NotWaiting, await harness.Requests.AnswerAsync("mallory@example.com", filing.Request.Id, "4411"));
        harness.Time.Advance(TimeSpan.FromDays(4));
        Assert.Equal(SubjectAnswerOutcome.Recorded, await harness.Requests.AnswerAsync(Jane, filing.Request.Id, "4411"));

        var answered = await harness.Delivery.Collection.LoadAsync(filing.Request.Id);
        Assert.Equal(RequestState.Queued, answered.State);
        Assert.Equal(new DateOnly(2026, 4, 5), answered.DueDate);
        var mine = Assert.Single(await harness.Requests.ListAsync(Jane));
        Assert.Equal("4411", Assert.Single(mine.Pauses).Answer);
        Assert.Equal(ActorKind.Subject, mine.Timeline.OrderBy(t => t.Id).Last().ActorKind);
        Assert.Equal(SubjectAnswerOutcome.NotWaiting, await harness.Requests.AnswerAsync(Jane, filing.Request.Id, "again"));
    }

    [Fact]
    public async Task AskSubject_OnAStaffFiledRequest_SendsNoMail()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var request = await harness.Delivery.Collection.FileAsync(Jane);

        await ApplyAsync(harness, request.Id, RequestAction.AskSubject, "Please confirm your address.");

        Assert.Equal(0, await harness.Delivery.Worker().RunDueAsync(CancellationToken.None));
        Assert.Empty(await harness.DeliveriesAsync(request.Id));
    }

    [Fact]
    public async Task Cancel_TheSubjectSeesTheReason_OnTheirPageAndInTheMail()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);
        const string Reason = "You withdrew the request by phone on 2 March.";

        await ApplyAsync(harness, filing.Request.Id, RequestAction.Cancel, Reason);
        await harness.Delivery.Worker().RunDueAsync(CancellationToken.None);

        var mine = Assert.Single(await harness.Requests.ListAsync(Jane));
        Assert.Equal(Reason, mine.CancellationReason);
        Assert.Equal(Reason, SubjectTexts.TimelineReason(mine.Timeline.OrderBy(t => t.Id).Last()));
        var closed = Assert.Single(harness.Mails(), m => m.Subject == SubjectTexts.ClosedMailSubject(DeliveryHarness.OrganisationName));
        Assert.Contains(Reason, closed.TextBody, StringComparison.Ordinal);
        Assert.Contains(SubjectTexts.ComplaintTitle, closed.TextBody, StringComparison.Ordinal);
        Assert.Contains(filing.Request.Id.ToString(CultureInfo.InvariantCulture), closed.TextBody, StringComparison.Ordinal);
    }
}
