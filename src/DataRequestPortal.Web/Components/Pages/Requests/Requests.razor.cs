using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Components.Shared;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>The requests list: filters, sort and page come from the address; rows follow the collector live.</summary>
public partial class Requests
{
    private readonly LiveRefresh live;
    private string? searchText;
    private bool loading;
    private bool canFile;
    private string viewer = "";
    private CancellationTokenSource? typing;

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

    private int PageCount => Loaded is null ? 1 : Math.Max(1, (Loaded.Total + View.PageSize - 1) / View.PageSize);

    private string RangeText
    {
        get
        {
            var first = ((View.Page - 1) * View.PageSize) + 1;
            var last = Math.Min(Loaded!.Total, first + Loaded.Rows.Count - 1);
            return Loaded.Rows.Count == 0 ? $"0 of {Loaded.Total:N0}" : $"{first:N0}–{last:N0} of {Loaded.Total:N0}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        viewer = user.Identity?.Name ?? "";
        canFile = (await Authorization.AuthorizeAsync(user, PortalPolicies.HandleRequests)).Succeeded;
        View = RequestListView.Parse(Q, State, Channel, Type, DueFrom, DueTo, Overdue, Mine, SortBy, Dir, PageNumber, PageSizeText);
        searchText = View.Search;
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

    /// <summary>The search follows typing once it pauses for 400 ms, as the other filters follow a change at once.</summary>
    private async Task SearchTyped(ChangeEventArgs e)
    {
        searchText = e.Value as string;
        typing?.Cancel();
        typing?.Dispose();
        typing = CancellationTokenSource.CreateLinkedTokenSource(live.Stopping);
        var typed = typing.Token;
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400), typed);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Show(View.Refiltered() with { Search = string.IsNullOrWhiteSpace(searchText) ? null : searchText.Trim() });
    }

    private void StateChanged(RequestState state, ChangeEventArgs e)
    {
        var states = View.States.Where(s => s != state).ToList();
        if (e.Value is true)
        {
            states.Add(state);
        }

        // Kept in the order the states come in, whatever order they were ticked in.
        Show(View.Refiltered() with { States = [.. Enum.GetValues<RequestState>().Where(states.Contains)] });
    }

    private void ChannelChanged(ChangeEventArgs e) =>
        Show(View.Refiltered() with { Channel = Enum.TryParse<RequestChannel>(e.Value as string, out var channel) ? channel : null });

    private void SubjectTypeChanged(ChangeEventArgs e) =>
        Show(View.Refiltered() with { SubjectType = Enum.TryParse<SubjectType>(e.Value as string, out var type) ? type : null });

    private void DueFromChanged(ChangeEventArgs e) => Show(View.Refiltered() with { DueFrom = ParseIsoDate(e.Value as string) });

    private void DueToChanged(ChangeEventArgs e) => Show(View.Refiltered() with { DueTo = ParseIsoDate(e.Value as string) });

    private Task OverdueChanged(ChangeEventArgs e)
    {
        Show(View.Refiltered() with { Overdue = e.Value is true });
        return Task.CompletedTask;
    }

    private Task MineChanged(ChangeEventArgs e)
    {
        Show(View.Refiltered() with { Mine = e.Value is true });
        return Task.CompletedTask;
    }

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

    private Task PageAsync(int page)
    {
        Show(View with { Page = page, Ignored = [] });
        return Task.CompletedTask;
    }

    private void PageSizeChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && RequestListView.PageSizes.Contains(size))
        {
            Show(View with { PageSize = size, Page = 1, Ignored = [] });
        }
    }

    private async Task FileAsync()
    {
        // The new request appears at the top of the list by itself; the snackbar names it.
        var dialog = await Dialogs.ShowAsync<FileRequestDialog>("File a request", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        await dialog.Result;
    }

    private string RowClass(RequestRow row)
    {
        var today = Clock.Today;
        var urgency = row.IsOverdue(today) ? " request-overdue" : row.IsDueSoon(today) ? " request-due-soon" : "";
        return $"request-row request-{row.Id}{urgency}";
    }

    private static string InputClass(string? extra = null) =>
        extra is null
            ? "mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense"
            : $"mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense {extra}";

    private static string FieldClass(bool shrink, string? start) =>
        "mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-typography-subtitle1 mud-input-sizing-fixed"
        + (start is null ? "" : " mud-input-adorned-start") + (shrink ? " mud-shrink" : "");

    private static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseIsoDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The page buttons MudBlazor's pagination shows: all pages when few, else two at each end and three around this one, gaps as -1.</summary>
    internal static IReadOnlyList<int> PageNumbers(int count, int selected)
    {
        const int boundary = 2, middle = 3;
        if (count <= (2 * boundary) + middle + 2)
        {
            return [.. Enumerable.Range(1, count)];
        }

        var length = (2 * boundary) + middle + 2;
        var pages = new int[length];
        for (var i = 0; i < boundary; i++)
        {
            pages[i] = i + 1;
            pages[length - i - 1] = count - i;
        }

        var first = selected <= boundary + (middle / 2) + 1 ? boundary + 2
            : selected < count - boundary - (middle / 2) ? selected - (middle / 2)
            : count - boundary - middle;
        for (var i = 0; i < middle; i++)
        {
            pages[boundary + 1 + i] = first + i;
        }

        pages[boundary] = boundary + (middle / 2) + 1 < selected ? -1 : boundary + 1;
        pages[length - boundary - 1] = count - boundary - (middle / 2) > selected ? -1 : count - boundary;
        for (var i = 0; i < length - 2; i++)
        {
            if (pages[i] + 2 == pages[i + 2])
            {
                pages[i + 1] = pages[i] + 1;
            }
        }

        return pages;
    }

    public void Dispose()
    {
        typing?.Cancel();
        typing?.Dispose();
        live.Dispose();
    }

    public sealed record LoadedPage(string Url, List<RequestRow> Rows, int Total);
}
