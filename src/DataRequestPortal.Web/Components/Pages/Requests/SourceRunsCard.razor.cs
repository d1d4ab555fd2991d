using DataRequestPortal.Core.Collection;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>A request's sources: each one's state, records, size and attempts, then where we looked.</summary>
public partial class SourceRunsCard
{
    [Parameter, EditorRequired]
    public IReadOnlyList<CollectionSourceRun> Runs { get; set; } = [];

    /// <summary>Every configured source with what came of looking in it, once collection has started.</summary>
    [Parameter]
    public IReadOnlyList<SourceSearch> Searches { get; set; } = [];

    /// <summary>The request's manual tasks, to say whom a source searched by hand waits on.</summary>
    [Parameter]
    public IReadOnlyList<ManualTask> Tasks { get; set; } = [];

    private string StateText(CollectionSourceRun run) => run.State == SourceRunState.AwaitingTask
        ? $"Waiting for {Tasks.FirstOrDefault(t => string.Equals(t.SourceKey, run.SourceKey, StringComparison.OrdinalIgnoreCase))?.Assignee ?? "its task"}"
        : run.State.ToString();

    private static Color RunColor(SourceRunState state) => state switch
    {
        SourceRunState.AwaitingTask => Color.Warning,
        SourceRunState.Done => Color.Success,
        SourceRunState.Failed => Color.Error,
        SourceRunState.Retrying => Color.Warning,
        SourceRunState.Running => Color.Primary,
        _ => Color.Default,
    };
}
