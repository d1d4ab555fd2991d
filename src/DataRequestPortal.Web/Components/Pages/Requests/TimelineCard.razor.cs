using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;
using Microsoft.AspNetCore.Components;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>A request's timeline, newest first: who did what, when, and why.</summary>
public partial class TimelineCard
{
    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<TimelineEntry> Entries { get; set; } = [];

    /// <summary>Staff members are shown by the name on their account, their address on hover.</summary>
    [Parameter]
    public StaffNameBook StaffNames { get; set; } = StaffNameBook.Empty;

    private static string TimelineText(TimelineEntry entry) => entry.Event switch
    {
        TimelineEvent.Filed => $"Filed · {RequestStateDisplay.Label(entry.ToState)}",
        TimelineEvent.DueDateExtended => "Due date extended",
        TimelineEvent.CollectionResumed => "Collection resumed by another portal process",
        TimelineEvent.Reviewed => "Reviewed",
        TimelineEvent.ReleaseRequested => "Release asked for (a second officer releases)",
        _ when entry.FromState == RequestState.InReview && entry.ToState == RequestState.Completed => "Released after review",
        TimelineEvent.ManualTaskCreated => "Manual task created",
        TimelineEvent.ManualTaskUploaded => "Manual task done: records uploaded",
        TimelineEvent.ManualTaskAttested => "Manual task done: nothing found",
        _ when entry.ToState == RequestState.AwaitingSubject => "Paused: asked the subject",
        _ when entry.FromState == RequestState.AwaitingSubject && entry.ToState == RequestState.Queued => "Resumed: the subject's answer",
        _ => $"{RequestStateDisplay.Label(entry.FromState ?? entry.ToState)} → {RequestStateDisplay.Label(entry.ToState)}",
    };

    private string ActorText(TimelineEntry entry) => entry.ActorKind switch
    {
        ActorKind.Staff => StaffNames.NameOf(entry.ActorKind, entry.ActorName),
        ActorKind.System => "the portal",
        ActorKind.ApiClient => $"API client {entry.ActorName}",
        ActorKind.Subject => $"the subject ({entry.ActorName})",
        _ => entry.ActorName,
    };

    // The address a staff member signs in with, which the timeline records, on hover.
    private static string? ActorTitle(TimelineEntry entry) => entry.ActorKind == ActorKind.Staff ? entry.ActorName : null;
}
