using DataRequestPortal.Core;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Web.Authorization;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Components.SelfService.Pages;

/// <summary>A signed-in data subject's own requests: state and progress live, the deadline, the timeline, refusals and downloads.</summary>
public partial class MyRequests : IDisposable
{
    private readonly LiveRefresh live;
    private IReadOnlyList<DataRequest>? requests;
    private string email = "";
    private readonly Dictionary<long, string?> answers = [];
    private readonly Dictionary<long, string> answerErrors = [];
    private string? notice;
    private bool asking;
    private bool answering;

    // Progress arrives often while collecting; the list is read again at most twice a second.
    public MyRequests() => live = new LiveRefresh(TimeSpan.FromMilliseconds(400), () => InvokeAsync(ReloadAsync));

    [Inject]
    private SelfServiceRequests Requests { get; set; } = default!;

    [Inject]
    private RequestStatusNotifier Notifier { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private SubjectMails Mails { get; set; } = default!;

    [Inject]
    private IOptions<OrganisationOptions> OrganisationOptions { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The request just filed at sign-in; text, so a hand-edited address cannot break the page.</summary>
    [SupplyParameterFromQuery(Name = "filed")]
    public string? Filed { get; set; }

    /// <summary>The request already under way, shown instead of a second one.</summary>
    [SupplyParameterFromQuery(Name = "active")]
    public string? Active { get; set; }

    private OrganisationOptions Organisation => OrganisationOptions.Value.In(SubjectTexts.Language);

    private SupervisoryAuthorityOptions Authority => Organisation.SupervisoryAuthority;

    private string Complaint => SubjectTexts.Complaint(Authority);

    private string? AuthorityUrl => SubjectTexts.ComplaintUrl(Authority);

    protected override async Task OnInitializedAsync()
    {
        email = PortalActors.SubjectEmail((await AuthenticationState).User);
        await LoadAsync();

        // Only a request of their own is named; a number typed into the address for someone else's says nothing.
        notice = OwnRequest(Filed) is { } filed ? SubjectTexts.Filed(filed)
            : OwnRequest(Active) is { } active ? SubjectTexts.AlreadyActive(active)
            : null;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            live.Follow(Notifier, change => SelfServiceRequests.IsOwn(change, email));
        }
    }

    private long? OwnRequest(string? id) =>
        long.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
        && requests!.Any(r => r.Id == number) ? number : null;

    private bool IsDownloadable(DataRequest request) =>
        request.State == RequestState.Completed && request.ExpiresAt > Clock.Now;

    private async Task LoadAsync()
    {
        requests = await Requests.ListAsync(email, live.Stopping);
        foreach (var request in requests.Where(r => r.State == RequestState.AwaitingSubject))
        {
            answers.TryAdd(request.Id, null);
        }
    }

    /// <summary>Sends the subject's answer for their own request; the page shows the request going on.</summary>
    private async Task AnswerAsync(long id)
    {
        answerErrors.Remove(id);
        var text = answers.GetValueOrDefault(id);
        if (string.IsNullOrWhiteSpace(text))
        {
            answerErrors[id] = SubjectTexts.AnswerRequired;
            return;
        }

        answering = true;
        try
        {
            var outcome = await Requests.AnswerAsync(email, id, text, live.Stopping);
            if (outcome == SubjectAnswerOutcome.Recorded)
            {
                answers.Remove(id);
                notice = SubjectTexts.AnswerSent;
            }
            else
            {
                answerErrors[id] = SubjectTexts.AnswerTooLate;
            }

            await LoadAsync();
        }
        catch (RequestRuleException ex)
        {
            answerErrors[id] = ex.Message;
        }
        finally
        {
            answering = false;
        }
    }

    private async Task AskAsync()
    {
        asking = true;
        try
        {
            var filing = await Requests.FileAsync(email, live.Stopping, SubjectTexts.Language);
            notice = filing.Created ? SubjectTexts.Filed(filing.Request.Id) : SubjectTexts.AlreadyActive(filing.Request.Id);
            await LoadAsync();
        }
        finally
        {
            asking = false;
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    public void Dispose() => live.Dispose();
}
