using MudBlazor;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>How the dashboard opens its form dialogs: small, Esc cancels, and the field marked AutoFocus keeps the focus.</summary>
public static class PortalDialogs
{
    public static DialogOptions Form => new()
    {
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        CloseOnEscapeKey = true,

        // The dialog's own focus trap would otherwise take the focus from the first field.
        DefaultFocus = DefaultFocus.None,
    };
}
