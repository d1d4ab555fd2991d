using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Pages.Requests;
using Microsoft.AspNetCore.Components;

namespace DataRequestPortal.Web.Components.Pages.Staff;

/// <summary>The delivery log of the staff's daily digests: to whom, for which day, how many requests, every attempt.</summary>
public partial class DigestLogCard
{
    [Inject]
    private DigestLog Log { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    private IReadOnlyList<DigestLogEntry>? Entries { get; set; }

    protected override async Task OnInitializedAsync() => Entries = await Log.RecentAsync();
}
