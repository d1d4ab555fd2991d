using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Web.Components.Shared;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Review;

/// <summary>
/// Review before release: a request's collected categories with hints where other people's data may be, its records
/// as the PDF shows them (paged, searchable), decisions per record or field or in bulk, and release. Other reviewers'
/// decisions appear as they are made.
/// </summary>
public partial class ReviewPage
{
    public const int PageSize = 20;

    private readonly LiveRefresh live;
    private List<BreadcrumbItem> breadcrumbs = [];
    private ReviewSummary? summary;
    private IReadOnlyList<ReviewRecord> records = [];
    private bool loaded;
    private int selected;
    private int page;
    private int matching;
    private string? search;
    private string? appliedSearch;
    private string reasonKey = "";
    private string? reasonText;

    public ReviewPage() => live = new LiveRefresh(TimeSpan.FromMilliseconds(400), () => InvokeAsync(ReloadAsync));

    [Inject]
    private ResultReviews Reviews { get; set; } = default!;

    [Inject]
    private StaffReviews Staff { get; set; } = default!;

    [Inject]
    private RequestStatusNotifier Notifier { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter]
    public long Id { get; set; }

    private int reloads;

    /// <summary>The category, search and page the records on screen came from; decisions apply to these, not to a choice still loading.</summary>
    private (int Category, string? Search, int Page) shown;

    private bool InReview => summary?.Request.State == RequestState.InReview;

    private bool NeedsText => Reviews.Reasons.FirstOrDefault(r => r.Key == reasonKey)?.NeedsText == true;

    private string ReleaseLabel => summary is { FourEyes: true, ReleaseRequestedBy: null } ? "Ask for release" : "Release to the subject";

    protected override async Task OnParametersSetAsync()
    {
        breadcrumbs = [new("Requests", "requests"), new($"Request {Id}", $"requests/{Id}"), new("Review", null, disabled: true)];
        reasonKey = Reviews.Reasons.FirstOrDefault()?.Key ?? "";
        await ReloadAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            // Another reviewer's decision, or the release, shows here as it happens.
            live.Follow(Notifier, change => change.RequestId == Id);
        }
    }

    /// <summary>
    /// Reads the review again for what is chosen now. Reloads can overlap (a click while a live update reads, a decision
    /// while a search reads): only the one started last is shown, so an older read finishing late never puts back a
    /// view from before a decision, with its stale timeline mark.
    /// </summary>
    private async Task ReloadAsync()
    {
        var reload = ++reloads;
        var (category, search, at) = (selected, appliedSearch, page);
        var read = await Reviews.SummaryAsync(Id, live.Stopping);
        var found = new ReviewRecordPage([], 0);
        if (read is { Request.State: RequestState.InReview, Categories.Count: > 0 })
        {
            category = Math.Clamp(category, 0, read.Categories.Count - 1);
            found = await Reviews.RecordsAsync(Id, category, search, at, PageSize, live.Stopping);
        }

        if (reload != reloads)
        {
            return;
        }

        (summary, loaded, selected, records, matching, shown) = (read, true, category, found.Records, found.Matching, (category, search, at));
        StateHasChanged();
    }

    private async Task SelectAsync(int category)
    {
        (selected, page, search, appliedSearch) = (category, 0, null, null);
        await ReloadAsync();
    }

    /// <summary>A hint's address or number: the category, searched for it, so the reviewer decides what to do.</summary>
    private async Task LookAsync(int category, string value)
    {
        (selected, page, search, appliedSearch) = (category, 0, value, value);
        await ReloadAsync();
    }

    private async Task SearchKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await SearchAsync();
        }
    }

    private async Task SearchAsync()
    {
        (appliedSearch, page) = (string.IsNullOrWhiteSpace(search) ? null : search.Trim(), 0);
        await ReloadAsync();
    }

    private async Task PageAsync(int to)
    {
        page = Math.Max(0, to);
        await ReloadAsync();
    }

    private Task WithholdAsync(int record) => DecideAsync(new ReviewCommand(Id, summary!.SeenEntryId, ReviewAction.Withhold, shown.Category, Records: [record], ReasonKey: reasonKey, ReasonText: reasonText));

    private Task RedactAsync(int record, string path) => DecideAsync(new ReviewCommand(Id, summary!.SeenEntryId, ReviewAction.Redact, shown.Category, Records: [record], Field: path, ReasonKey: reasonKey, ReasonText: reasonText));

    private Task RestoreAsync(int record, string? path) => DecideAsync(new ReviewCommand(Id, summary!.SeenEntryId, ReviewAction.Restore, shown.Category, Records: [record], Field: path));

    private async Task BulkAsync(ReviewAction action)
    {
        var what = action == ReviewAction.Withhold ? $"Withhold all {matching} records matching “{shown.Search}”?" : $"Redact every value holding “{shown.Search}” in the {matching} matching records?";
        if (await Dialogs.ShowMessageBoxAsync("Decide in bulk", what, yesText: "Yes", cancelText: "No") != true)
        {
            return;
        }

        await DecideAsync(new ReviewCommand(Id, summary!.SeenEntryId, action, shown.Category, Search: shown.Search, ReasonKey: reasonKey, ReasonText: reasonText));
    }

    private async Task DecideAsync(ReviewCommand command)
    {
        var result = await Staff.DecideAsync((await AuthenticationState).User, command, live.Stopping);
        Snackbar.Add(result.Message, result.Outcome == StaffActionOutcome.Done ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private async Task ReleaseAsync()
    {
        var question = summary is { FourEyes: true, ReleaseRequestedBy: null }
            ? "Ask a second officer to release this request as reviewed?"
            : "Release the reviewed document to the subject now? The notices and deliveries go out, and decisions can no longer change.";
        if (await Dialogs.ShowMessageBoxAsync("Release", question, yesText: "Release", cancelText: "Not yet") != true)
        {
            return;
        }

        var result = await Staff.ReleaseAsync((await AuthenticationState).User, Id, summary!.SeenEntryId, live.Stopping);
        Snackbar.Add(result.Message, result.Outcome == StaffActionOutcome.Done ? Severity.Success : Severity.Warning);
        await ReloadAsync();
    }

    private static string HintText(ReviewHint hint)
    {
        var parts = new List<string>();
        if (hint.RecordsWithAddresses > 0)
        {
            parts.Add($"{hint.RecordsWithAddresses} record(s) mention other email addresses");
        }

        if (hint.RecordsWithPhoneNumbers > 0)
        {
            parts.Add($"{hint.RecordsWithPhoneNumbers} record(s) mention other phone numbers");
        }

        return "Look here: " + string.Join(", ", parts);
    }

    private static string Shorten(string value) => value.Length > 600 ? value[..600] + "…" : value;

    public void Dispose() => live.Dispose();
}
