using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Pages.Requests;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Home;

/// <summary>The home page: what needs attention first, then the counts and the trend; every figure links to its list.</summary>
public partial class Home
{
    private static readonly (string Title, RequestState[] States)[] Groups =
    [
        // "Open" is the legal clock's definition, the same the headline, the list's filter and the reports use.
        ("Open", [.. RequestLifecycle.OpenStates]),
        ("Not yet verified", [RequestState.Unverified]),
        ("Closed", [RequestState.Completed, RequestState.Denied, RequestState.Cancelled, RequestState.Expired]),
    ];

    private readonly LiveRefresh live;
    private readonly BarChartOptions chartOptions = new() { ChartPalette = ["#4a86c5", "#4caf50"], YAxisTicks = 1, MaxNumYAxisTicks = 6 };
    private string viewer = "";

    // The figures are read again at most once a second while requests change.
    public Home() => live = new LiveRefresh(TimeSpan.FromSeconds(1), () => InvokeAsync(ReloadAsync));

    [Inject]
    private RequestOverview Overview { get; set; } = default!;

    [Inject]
    private RequestStatusNotifier Notifier { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private ManualTasks Tasks { get; set; } = default!;

    [Inject]
    private Microsoft.Extensions.Options.IOptions<ManualTaskOptions> TaskOptions { get; set; } = default!;

    /// <summary>Open manual tasks of requests due within <c>Manual:WarnDays</c> (or overdue).</summary>
    private IReadOnlyList<OpenManualTask> TasksDue { get; set; } = [];

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // Carried from the prerender to the live page, so the figures are read once and do not flicker.
    [PersistentState]
    public DashboardSummary? Summary { get; set; }

    private string TotalText => Summary!.Counts.Values.Sum() switch
    {
        0 => "No requests have been filed yet.",
        1 => "1 request in all.",
        var total when Summary.Counts.GetValueOrDefault(RequestState.Unverified) is > 0 and var unverified =>
            $"{total:N0} requests in all, {Summary.Open:N0} open, {unverified:N0} not yet verified.",
        var total => $"{total:N0} requests in all, {Summary.Open:N0} open.",
    };

    private string OverdueUrl => RequestListView.Of(RequestOverview.OverdueQuery()).ToUrl();

    private string DueSoonUrl => RequestListView.Of(RequestOverview.DueSoonQuery(Clock.Today)).ToUrl();

    private string MineUrl => RequestListView.Of(RequestOverview.MyOpenWorkQuery(viewer)).ToUrl();

    private List<ChartSeries<double>> Series =>
    [
        new() { Name = "Received", Data = new ChartData<double>([.. Summary!.Weeks.Select(w => (double)w.Received)]) },
        new() { Name = "Completed", Data = new ChartData<double>([.. Summary.Weeks.Select(w => (double)w.Completed)]) },
    ];

    private string[] WeekLabels => [.. Summary!.Weeks.Select(w => w.WeekStart.ToString("d MMM", System.Globalization.CultureInfo.InvariantCulture))];

    protected override async Task OnInitializedAsync()
    {
        viewer = (await AuthenticationState).User.Identity?.Name ?? "";
        Summary ??= await Overview.SummaryAsync(viewer);
        TasksDue = await Tasks.DueSoonAsync(TaskOptions.Value.WarnDays);
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            live.Follow(Notifier, _ => true);
        }
    }

    private static string StateUrl(RequestState state) => new RequestListView { States = [state] }.ToUrl();

    private async Task ReloadAsync()
    {
        Summary = await Overview.SummaryAsync(viewer, live.Stopping);
        TasksDue = await Tasks.DueSoonAsync(TaskOptions.Value.WarnDays, live.Stopping);
        StateHasChanged();
    }

    public void Dispose() => live.Dispose();
}
