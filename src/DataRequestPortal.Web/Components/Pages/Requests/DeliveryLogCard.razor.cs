using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>A request's report callbacks and emails, with every attempt's time, status or error.</summary>
public partial class DeliveryLogCard
{
    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<ReportDelivery> Deliveries { get; set; } = [];

    internal static string DeliveryKindLabel(DeliveryKind kind) => kind switch
    {
        DeliveryKind.Receipt => "Receipt to the subject",
        DeliveryKind.ReadyNotice => "\"Data ready\" notice",
        DeliveryKind.ClosedNotice => "\"Request closed\" notice, with the reason",
        DeliveryKind.ExtensionNotice => "Extension notice, with the new due date and the reason",
        DeliveryKind.QuestionNotice => "Question to the subject",
        DeliveryKind.StaffDigest => "Daily digest",
        _ => "Result",
    };

    internal static Color DeliveryColor(DeliveryState state) => state switch
    {
        DeliveryState.Delivered => Color.Success,
        DeliveryState.GaveUp => Color.Error,
        _ => Color.Info,
    };

    internal static string DeliveryLabel(DeliveryState state) => state switch
    {
        DeliveryState.Delivered => "Delivered",
        DeliveryState.GaveUp => "Gave up",
        _ => "Pending",
    };
}
