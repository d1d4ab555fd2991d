using DataRequestPortal.Core.Requests;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>How each request state looks and reads everywhere in the dashboard.</summary>
public static class RequestStateDisplay
{
    public static string Label(RequestState state) => state switch
    {
        RequestState.Unverified => "Unverified",
        RequestState.Queued => "Queued",
        RequestState.Collecting => "Collecting",
        RequestState.Completed => "Completed",
        RequestState.Expired => "Expired",
        RequestState.Failed => "Failed",
        RequestState.Cancelled => "Cancelled",
        RequestState.Denied => "Denied",
        RequestState.AwaitingSubject => "Awaiting subject",
        RequestState.InReview => "In review",
        _ => state.ToString(),
    };

    public static string Description(RequestState state) => state switch
    {
        RequestState.Unverified => "Waiting for the subject to confirm their email address",
        RequestState.Queued => "Received and waiting for collection",
        RequestState.Collecting => "Data is being collected from the sources",
        RequestState.Completed => "The result is ready for download",
        RequestState.Expired => "The result was deleted after the retention period",
        RequestState.Failed => "Collection failed and needs a retry",
        RequestState.Cancelled => "Withdrawn before completion",
        RequestState.Denied => "Refused with a reason the subject can read",
        RequestState.AwaitingSubject => "Waiting for the subject's answer to a question",
        RequestState.InReview => "Collected; a reviewer withholds what the subject may not have, then releases it",
        _ => "",
    };

    public static Color Color(RequestState state) => state switch
    {
        RequestState.Unverified => MudBlazor.Color.Default,
        RequestState.Queued => MudBlazor.Color.Info,
        RequestState.Collecting => MudBlazor.Color.Primary,
        RequestState.Completed => MudBlazor.Color.Success,
        RequestState.Expired => MudBlazor.Color.Default,
        RequestState.Failed => MudBlazor.Color.Error,
        RequestState.Cancelled => MudBlazor.Color.Secondary,
        RequestState.Denied => MudBlazor.Color.Warning,
        RequestState.AwaitingSubject => MudBlazor.Color.Tertiary,
        RequestState.InReview => MudBlazor.Color.Warning,
        _ => MudBlazor.Color.Default,
    };

    public static string Icon(RequestState state) => state switch
    {
        RequestState.Unverified => Icons.Material.Filled.MarkEmailUnread,
        RequestState.Queued => Icons.Material.Filled.HourglassTop,
        RequestState.Collecting => Icons.Material.Filled.Sync,
        RequestState.Completed => Icons.Material.Filled.TaskAlt,
        RequestState.Expired => Icons.Material.Filled.AutoDelete,
        RequestState.Failed => Icons.Material.Filled.ErrorOutline,
        RequestState.Cancelled => Icons.Material.Filled.Block,
        RequestState.Denied => Icons.Material.Filled.Gavel,
        RequestState.AwaitingSubject => Icons.Material.Filled.QuestionAnswer,
        RequestState.InReview => Icons.Material.Filled.FactCheck,
        _ => Icons.Material.Filled.Help,
    };
}
