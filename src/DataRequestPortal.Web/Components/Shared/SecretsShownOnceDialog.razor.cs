using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>Shows secrets that exist only now (a new password, an API token) with a copy button each; closing it forgets them.</summary>
public partial class SecretsShownOnceDialog
{
    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter]
    public IReadOnlyList<ShownSecret> Secrets { get; set; } = [];

    [Parameter]
    public string? Intro { get; set; }

    [Parameter]
    public string Warning { get; set; } = "Copy this now: it is shown only once and cannot be shown again.";

    /// <summary>Opens the dialog; it cannot be closed by clicking beside it, so a secret is not lost by accident.</summary>
    public static async Task ShowAsync(IDialogService dialogs, string title, string? intro, params ShownSecret[] secrets)
    {
        var parameters = new DialogParameters<SecretsShownOnceDialog>
        {
            { d => d.Secrets, secrets },
            { d => d.Intro, intro },
        };
        var dialog = await dialogs.ShowAsync<SecretsShownOnceDialog>(title, parameters, PortalDialogs.Form with { BackdropClick = false });
        await dialog.Result;
    }

    private async Task CopyAsync(ShownSecret secret)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", secret.Value);
            Snackbar.Add($"{secret.Label} copied.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser did not allow copying; select the text and copy it by hand.", Severity.Warning);
        }
    }

    private void Done() => Dialog.Close();
}
