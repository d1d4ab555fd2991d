using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>One request: facts, result, sources, deliveries and timeline, kept current while the page is open.</summary>
public partial class RequestDetailPage
{
    private readonly LiveRefresh live;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loaded;
    private bool mayAct;

    // The newest change heard of that no read has caught up with yet; its state and progress are shown meanwhile.
    private RequestStatusChange? heard;
    private int changesHeard;

    /// <summary>Progress arrives often while collecting; the page reads the details again at most this often.</summary>
    public static readonly TimeSpan ReloadInterval = TimeSpan.FromMilliseconds(400);

    public RequestDetailPage() => live = new LiveRefresh(ReloadInterval, () => InvokeAsync(ReloadAsync));

    [Inject]
    private RequestDetails Details { get; set; } = default!;

    [Inject]
    private StaffRequestActions Actions { get; set; } = default!;

    [Inject]
    private RequestStatusNotifier Notifier { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<RequestOptions> RequestOptions { get; set; } = default!;

    private int AwaitingSubjectDays => RequestOptions.Value.AwaitingSubjectDays;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public long Id { get; set; }

    private RequestDetail? Detail { get; set; }

    private RequestState State => heard?.State ?? Detail!.Request.State;

    // The source runs are written as each source finishes; the request's own figures only at the collector's heartbeat;
    // a change just heard of carries the collector's own figures, newer than either.
    private CollectionProgress LiveProgress => heard is { } change ? change.Progress
        : Detail!.SourceRuns.Count == 0
        ? Detail.Request.Progress
        : new CollectionProgress(
            Detail.SourceRuns.Count(r => r.State == SourceRunState.Done),
            Detail.SourceRuns.Count,
            Detail.SourceRuns.Sum(r => r.Records),
            Detail.SourceRuns.Sum(r => r.Bytes));

    protected override async Task OnParametersSetAsync()
    {
        breadcrumbs = [new("Requests", "requests"), new($"Request {Id}", null, disabled: true)];
        mayAct = await Actions.MayActAsync((await AuthenticationState).User);
        await LoadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            live.Follow(Notifier, change => change.RequestId == Id ? InvokeAsync(() => Show(change)) : Task.CompletedTask);
        }
    }

    private async Task LoadAsync()
    {
        var before = changesHeard;
        Detail = await Details.FindAsync(Id, live.Stopping);
        loaded = true;
        if (changesHeard == before)
        {
            heard = null;
        }
    }

    /// <summary>Shows the state and progress a change carries at once, then reads the rest (timeline, result, sources).</summary>
    private void Show(RequestStatusChange change)
    {
        if (Detail?.Request.Id == change.RequestId)
        {
            heard = change;
            changesHeard++;
            StateHasChanged();
        }

        live.RequestReload();
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private async Task ActAsync(RequestAction action)
    {
        var request = Detail!.Request;
        var parameters = new DialogParameters<RequestActionDialog>
        {
            { d => d.Request, request },
            { d => d.SeenEntryId, RequestActions.LastEntryId(request) },
            { d => d.Action, action },
        };
        var dialog = await Dialogs.ShowAsync<RequestActionDialog>(ActionLabel(action), parameters, PortalDialogs.Form);
        if (await dialog.Result is { Canceled: false, Data: string message })
        {
            Snackbar.Add(message, Severity.Success);
        }

        // Whatever happened (done, refused as stale), show the request as it is now.
        await LoadAsync();
    }

    /// <summary>The last day receipt had to be confirmed, for regimes that require it (CCPA) once the request is received.</summary>
    private DateOnly? ReceiptDue(DataRequest request) =>
        request.State == RequestState.Unverified ? null : DueDates.ReceiptConfirmationDue(request.Regime, Clock.DateOf(request.ReceivedAt), Clock.Holidays);

    private string ReceiptText(DateOnly due)
    {
        var receipt = Detail!.Deliveries.FirstOrDefault(d => d.Kind == Core.Delivery.DeliveryKind.Receipt);
        return receipt switch
        {
            { State: Core.Delivery.DeliveryState.Delivered, FinishedAt: { } at } when Clock.DateOf(at) <= due => $"{PortalFormat.DateTime(at, Clock)} · in time (due by {PortalFormat.Date(due)})",
            { State: Core.Delivery.DeliveryState.Delivered, FinishedAt: { } at } => $"{PortalFormat.DateTime(at, Clock)} · late (due by {PortalFormat.Date(due)})",
            null => $"Not by the portal: confirm receipt to the consumer yourself by {PortalFormat.Date(due)}",
            _ => $"Not yet (due by {PortalFormat.Date(due)})",
        };
    }

    /// <summary>Why there is no result to show, in plain words: none will come for a closed request, one may still for an open one.</summary>
    private static string NoResultText(RequestState state) => state switch
    {
        RequestState.Unverified => "No result yet. Collection starts when the subject confirms the address.",
        RequestState.Denied => "No result: the request was denied, so no data was collected or released.",
        RequestState.Cancelled => "No result: the request was cancelled, so no data was collected or released.",
        RequestState.Expired => "No result: the retention period has passed and the result was deleted.",
        RequestState.Failed => "No result: collection failed. Retry to collect again.",
        _ => "No result yet. It appears here when collection completes.",
    };

    /// <summary>Where the due date stands in words: overdue, due in N days, or paused with the days left frozen.</summary>
    private string DueNote(DataRequest request) =>
        request.ClockStopped && request.PausedSince is { } since
            ? PortalFormat.Paused(request.DueDate.DayNumber - Clock.DateOf(since).DayNumber)
            : PortalFormat.DueIn(request.DueDateOn(Clock), Clock.Today);

    private static string ActionLabel(RequestAction action) => action switch
    {
        RequestAction.Cancel => "Cancel",
        RequestAction.Retry => "Retry",
        RequestAction.Deny => "Deny",
        RequestAction.AskSubject => "Ask the subject",
        RequestAction.RecordAnswer => "Record answer",
        _ => "Extend due date",
    };

    private static string ActionIcon(RequestAction action) => action switch
    {
        RequestAction.Cancel => Icons.Material.Filled.Block,
        RequestAction.Retry => Icons.Material.Filled.Replay,
        RequestAction.Deny => Icons.Material.Filled.Gavel,
        RequestAction.AskSubject => Icons.Material.Filled.ContactSupport,
        RequestAction.RecordAnswer => Icons.Material.Filled.MarkChatRead,
        _ => Icons.Material.Filled.EventRepeat,
    };

    public void Dispose() => live.Dispose();
}
