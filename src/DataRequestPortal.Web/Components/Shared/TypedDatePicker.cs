using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Shared;

/// <summary>
/// A date picker whose typed date is applied by Enter, as in any other filter box, or when focus leaves it; the calendar
/// opens from its button. MudBlazor's picker opens the calendar on Enter and drops what was typed.
/// </summary>
public sealed class TypedDatePicker : MudDatePicker
{
    public TypedDatePicker()
    {
        // The typed text reaches the server as it is typed, and is read as a date only when it is applied.
        Editable = true;
        ImmediateText = true;
    }

    protected override RenderFragment? InputContent => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "typed-date");
        builder.AddAttribute(2, "onkeydown", EventCallback.Factory.Create<KeyboardEventArgs>(this, KeyDownAsync));
        builder.AddAttribute(3, "onfocusout", EventCallback.Factory.Create<FocusEventArgs>(this, ApplyTypedTextAsync));
        builder.AddContent(4, base.InputContent);
        builder.CloseElement();
    };

    protected override Task WriteTextAsync(string? value) => SetTextAsync(value, callback: false);

    protected override Task OnHandleKeyDownAsync(KeyboardEventArgs args) =>
        !Open && IsEnter(args) ? Task.CompletedTask : base.OnHandleKeyDownAsync(args);

    private Task KeyDownAsync(KeyboardEventArgs args) => !Open && IsEnter(args) ? ApplyTypedTextAsync() : Task.CompletedTask;

    private Task ApplyTypedTextAsync() => StringValueChangedAsync(Text);

    private static bool IsEnter(KeyboardEventArgs args) => args.Key is "Enter" or "NumpadEnter";
}
