using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Authorization;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>The requests list: filters, sort and page come from the address; rows follow the collector live.</summary>
public partial class Requests
{
    private readonly LiveRefresh live;
    private bool loading;
    private bool canFile;
    private string viewer = "";

    // A request not on this page (a new one, or one entering the filter) reads the page again, at most twice a second.
    public Requests() => live = new LiveRefresh(TimeSpan.FromMilliseconds(500), () => InvokeAsync(ReloadAsync));

    [Inject]
    private RequestList RequestList { get; set; } = default!;

    [Inject]
    private RequestStatusNotifier Notifier { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "q")] public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "state")] public string? State { get; set; }

    [SupplyParameterFromQuery(Name = "channel")] public string? Channel { get; set; }

    [SupplyParameterFromQuery(Name = "type")] public string? Type { get; set; }

    [SupplyParameterFromQuery(Name = "dueFrom")] public string? DueFrom { get; set; }

    [SupplyParameterFromQuery(Name = "dueTo")] public string? DueTo { get; set; }

    [SupplyParameterFromQuery(Name = "overdue")] public string? Overdue { get; set; }

    [SupplyParameterFromQuery(Name = "mine")] public string? Mine { get; set; }

    [SupplyParameterFromQuery(Name = "sort")] public string? SortBy { get; set; }

    [SupplyParameterFromQuery(Name = "dir")] public string? Dir { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public string? PageNumber { get; set; }

    [SupplyParameterFromQuery(Name = "size")] public string? PageSizeText { get; set; }

    /// <summary>The page of rows and the view they were read for; carried from the prerender to the live page so it is read once.</summary>
    [PersistentState]
    public LoadedPage? Loaded { get; set; }

    private RequestListView View { get; set; } = new();

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        viewer = user.Identity?.Name ?? "";
        canFile = (await Authorization.AuthorizeAsync(user, PortalPolicies.HandleRequests)).Succeeded;
        View = RequestListView.Parse(Q, State, Channel, Type, DueFrom, DueTo, Overdue, Mine, SortBy, Dir, PageNumber, PageSizeText);
        if (Loaded?.Url != View.ToUrl())
        {
            await LoadAsync();
        }
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            live.Follow(Notifier, change => InvokeAsync(() => Apply(change)));
        }
    }

    private async Task LoadAsync()
    {
        loading = true;
        var view = View;
        var page = await RequestList.SearchAsync(view.ToQuery(viewer), live.Stopping);
        if (page.Rows.Count == 0 && page.Total > 0 && view.Page > 1)
        {
            // The page asked for is past the end (rows went away); show the last one there is.
            View = view with { Page = ((page.Total - 1) / view.PageSize) + 1 };
            page = await RequestList.SearchAsync(View.ToQuery(viewer), live.Stopping);
        }

        Loaded = new LoadedPage(view.ToUrl(), [.. page.Rows], page.Total);
        loading = false;
    }

    private void Apply(RequestStatusChange change)
    {
        var rows = Loaded?.Rows;
        var index = rows?.FindIndex(r => r.Id == change.RequestId) ?? -1;
        if (index >= 0)
        {
            rows![index] = rows[index] with { State = change.State, Progress = change.Progress };
            StateHasChanged();
        }
        else
        {
            live.RequestReload();
        }
    }

    private async Task ReloadAsync()
    {
        await LoadAsync();
        StateHasChanged();
    }

    private void Show(RequestListView view) => Navigation.NavigateTo(view.ToUrl());

    private Task ClearAsync()
    {
        Show(new RequestListView { Sort = View.Sort, Descending = View.Descending, PageSize = View.PageSize });
        return Task.CompletedTask;
    }

    private Task SortAsync(RequestSort sort)
    {
        // A new column starts with the order people expect: earliest due first, newest received first.
        var descending = View.Sort == sort ? !View.Descending : sort is RequestSort.Received;
        Show(View with { Sort = sort, Descending = descending, Page = 1, Ignored = [] });
        return Task.CompletedTask;
    }

    private async Task FileAsync()
    {
        // The new request appears at the top of the list by itself; the snackbar names it.
        var dialog = await Dialogs.ShowAsync<FileRequestDialog>("File a request", PortalDialogs.Form);
        await dialog.Result;
    }

    private string RowClass(RequestRow row)
    {
        var today = Clock.Today;
        var urgency = row.IsOverdue(today) ? " request-overdue" : row.IsDueSoon(today) ? " request-due-soon" : "";
        return $"request-row request-{row.Id}{urgency}";
    }

    public void Dispose() => live.Dispose();

    public sealed record LoadedPage(string Url, List<RequestRow> Rows, int Total);
}
