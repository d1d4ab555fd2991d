using System.Globalization;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Components;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>The requests list's filters: each change puts the filtered view's first page in the address.</summary>
public partial class RequestFilters : IDisposable
{
    private readonly CancellationTokenSource disposed = new();
    private CancellationTokenSource? typing;
    private string? shownUrl;

    [Parameter, EditorRequired]
    public RequestListView View { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // Live updates render the list again; the filters render only when the view they show changes, so they keep one render buffer.
    protected override bool ShouldRender() => View.ToUrl() != shownUrl;

    protected override void OnAfterRender(bool firstRender) => shownUrl = View.ToUrl();

    private void Show(RequestListView view) => Navigation.NavigateTo(view.ToUrl());

    /// <summary>The search follows typing once it pauses for 400 ms, as the other filters follow a change at once.</summary>
    private async Task SearchTyped(ChangeEventArgs e)
    {
        var text = e.Value as string;
        typing?.Cancel();
        typing?.Dispose();
        typing = CancellationTokenSource.CreateLinkedTokenSource(disposed.Token);
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(400), typing.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        Show(View.Refiltered() with { Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim() });
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

    private void OverdueChanged(ChangeEventArgs e) => Show(View.Refiltered() with { Overdue = e.Value is true });

    private void MineChanged(ChangeEventArgs e) => Show(View.Refiltered() with { Mine = e.Value is true });

    private void Clear() => Show(new RequestListView { Sort = View.Sort, Descending = View.Descending, PageSize = View.PageSize });

    private static string? IsoDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseIsoDate(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public void Dispose()
    {
        typing?.Cancel();
        typing?.Dispose();
        disposed.Cancel();
        disposed.Dispose();
    }
}
