using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>A request's manual tasks: who is awaited and what to do; officers and admins upload what they found or attest that nothing was.</summary>
public partial class ManualTasksCard
{
    private readonly Dictionary<int, IReadOnlyList<IBrowserFile>> chosen = [];
    private readonly Dictionary<int, string?> notes = [];
    private string? message;
    private bool failed;
    private bool busy;

    [Inject]
    private StaffTaskActions Actions { get; set; } = default!;

    [Inject]
    private RequestDetails Details { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Parameter, EditorRequired]
    public long RequestId { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<ManualTask> Tasks { get; set; } = [];

    /// <summary>Whether to offer the upload and attestation; the server checks the role again on every call.</summary>
    [Parameter]
    public bool MayAct { get; set; }

    /// <summary>Called after a task was done, so the page reads the request again.</summary>
    [Parameter]
    public EventCallback Done { get; set; }

    private static string Accept => string.Join(',', new[] { ".json", ".csv" }.Concat(ManualUploads.FileTypes));

    protected override void OnParametersSet()
    {
        foreach (var task in Tasks)
        {
            notes.TryAdd(task.Number, null);
        }
    }

    private static string StateText(ManualTask task) => task.State switch
    {
        ManualTaskState.Uploaded => "Uploaded",
        ManualTaskState.Attested => "Nothing found",
        _ => "Waiting",
    };

    private string DoneText(ManualTask task) => task.State == ManualTaskState.Attested
        ? $"{task.CompletedBy} searched and attested that nothing was found, {PortalFormat.DateTime(task.CompletedAt, Clock)}."
        : $"{task.CompletedBy} uploaded {task.Records:N0} {(task.Records == 1 ? "record" : "records")}{(task.Files > 0 ? $" ({task.Files} {(task.Files == 1 ? "file" : "files")})" : "")}, {PortalFormat.DateTime(task.CompletedAt, Clock)}.";

    private void Choose(int number, InputFileChangeEventArgs e) =>
        chosen[number] = e.GetMultipleFiles(Math.Max(1, e.FileCount));

    private async Task UploadAsync(int number)
    {
        if (!chosen.TryGetValue(number, out var files))
        {
            return;
        }

        busy = true;
        var streams = new List<UploadedFile>();
        try
        {
            // Read up to one byte over the limit, so Core names a file that is too large rather than the browser stream failing.
            streams.AddRange(files.Select(f => new UploadedFile(f.Name, f.ContentType, f.OpenReadStream(ManualUploads.MaxBytes + 1))));
            Show(await Actions.UploadAsync((await AuthenticationState).User, RequestId, number, streams, notes.GetValueOrDefault(number)));
        }
        catch (IOException)
        {
            Show(new StaffActionResult(StaffActionOutcome.Invalid, $"The upload is larger than {ManualUploads.MaxBytes / (1024 * 1024)} MB, the most one upload may hold."));
        }
        finally
        {
            foreach (var stream in streams)
            {
                await stream.Content.DisposeAsync();
            }

            busy = false;
        }

        if (!failed)
        {
            chosen.Remove(number);
            await Done.InvokeAsync();
        }
    }

    private async Task AttestAsync(int number)
    {
        busy = true;
        try
        {
            Show(await Actions.AttestAsync((await AuthenticationState).User, RequestId, number, notes.GetValueOrDefault(number)));
        }
        finally
        {
            busy = false;
        }

        if (!failed)
        {
            await Done.InvokeAsync();
        }
    }

    private void Show(StaffActionResult result)
    {
        failed = result.Outcome != StaffActionOutcome.Done;
        message = result.Message;
    }
}
