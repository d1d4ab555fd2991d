using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;

namespace DataRequestPortal.Web.Components.Pages.Audit;

/// <summary>The audit log, newest first, filtered and paged through its address so a view can be bookmarked or exported.</summary>
public partial class AuditLogPage
{
    private const int PageSize = 50;

    private AuditFilter filter = AuditFilter.All;
    private AuditPage? page;
    private int pageNumber = 1;
    private List<string> ignored = [];
    private StaffNameBook staffNames = StaffNameBook.Empty;

    [Inject]
    private AuditLog Log { get; set; } = default!;

    [Inject]
    private StaffNames Names { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")]
    public string? From { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? To { get; set; }

    [SupplyParameterFromQuery(Name = "action")]
    public string? Action { get; set; }

    [SupplyParameterFromQuery(Name = "actor")]
    public string? Actor { get; set; }

    [SupplyParameterFromQuery(Name = "request")]
    public string? Request { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? Q { get; set; }

    [SupplyParameterFromQuery(Name = "page")]
    public int? PageParameter { get; set; }

    private string? RequestOrText => filter.RequestId?.ToString() ?? filter.Text;

    private int PageCount => page is null ? 1 : Math.Max(1, (page.Total + PageSize - 1) / PageSize);

    private string RangeText
    {
        get
        {
            var first = ((pageNumber - 1) * PageSize) + 1;
            return $"{first:N0}–{first + page!.Entries.Count - 1:N0} of {page.Total:N0}";
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        ignored = [];
        filter = AuditLogView.Parse(From, To, Action, Actor, Request, Q, ignored);
        filter = filter with { StaffNamed = await Names.AddressesOfNamedAsync(filter.Actor) };
        pageNumber = Math.Max(1, PageParameter ?? 1);
        page = await Log.SearchAsync(filter, (pageNumber - 1) * PageSize, PageSize);
        staffNames = await Names.ForAsync(page.Entries.Select(e => new Core.Requests.Actor(e.ActorKind, e.ActorName)));
    }

    private void Show(AuditFilter next, int number = 1)
    {
        var query = AuditLogView.Query(next);
        var paging = number > 1 ? $"{(query.Length == 0 ? "?" : "&")}page={number}" : "";
        Navigation.NavigateTo($"audit{query}{paging}");
    }

    private void SearchChanged(string? text) => Show(filter.Searching(text));

    private Task PageAsync(int number)
    {
        Show(filter, number);
        return Task.CompletedTask;
    }

    // The log records a staff member by the address they sign in with; the list shows their name and the address on hover.
    private static string? ActorTitle(AuditEntry entry) => entry.ActorKind == ActorKind.Staff ? entry.ActorName : null;

    private static DateOnly? DateOnlyOf(DateTime? date) => date is { } d ? DateOnly.FromDateTime(d) : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
