using System.Globalization;
using Microsoft.AspNetCore.Components;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>The requests list's pager: the range shown, the page size and the pages; each choice goes into the address.</summary>
public partial class RequestPager
{
    private string? shownKey;

    [Parameter, EditorRequired]
    public RequestListView View { get; set; } = default!;

    /// <summary>How many requests match the view.</summary>
    [Parameter]
    public int Total { get; set; }

    /// <summary>How many of them this page shows.</summary>
    [Parameter]
    public int Shown { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private int PageCount => Math.Max(1, (Total + View.PageSize - 1) / View.PageSize);

    private string RangeText
    {
        get
        {
            var first = ((View.Page - 1) * View.PageSize) + 1;
            var last = Math.Min(Total, first + Shown - 1);
            return Shown == 0 ? $"0 of {Total:N0}" : $"{first:N0}–{last:N0} of {Total:N0}";
        }
    }

    private string Key => string.Create(CultureInfo.InvariantCulture, $"{View.Page}/{View.PageSize}/{Total}/{Shown}");

    // Live updates render the list again; the pager renders only when what it shows changes, so it keeps one render buffer.
    protected override bool ShouldRender() => Key != shownKey;

    protected override void OnAfterRender(bool firstRender) => shownKey = Key;

    private void Show(int page) => Navigation.NavigateTo((View with { Page = page, Ignored = [] }).ToUrl());

    private void PageSizeChanged(ChangeEventArgs e)
    {
        if (int.TryParse(e.Value as string, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && RequestListView.PageSizes.Contains(size))
        {
            Navigation.NavigateTo((View with { PageSize = size, Page = 1, Ignored = [] }).ToUrl());
        }
    }

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
}
