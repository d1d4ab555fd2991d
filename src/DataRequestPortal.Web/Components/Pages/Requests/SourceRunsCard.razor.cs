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

    private static Color RunColor(SourceRunState state) => state switch
    {
        SourceRunState.Done => Color.Success,
        SourceRunState.Failed => Color.Error,
        SourceRunState.Retrying => Color.Warning,
        SourceRunState.Running => Color.Primary,
        _ => Color.Default,
    };
}
